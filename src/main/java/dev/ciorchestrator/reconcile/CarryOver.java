package dev.ciorchestrator.reconcile;

import dev.ciorchestrator.forge.ForgeChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The changes of one repository that its last pass had no budget left to plan. The next pass plans
 * them before any other, so a repository that runs out of budget at every pass still plans each of
 * its changes within a bounded number of passes instead of the same first few again and again.
 */
final class CarryOver {
  private static final Comparator<ForgeChange> BY_NUMBER =
      Comparator.comparingLong(ForgeChange::number);

  private Set<Long> left = Set.of();

  /** {@code changed} in the order to plan them: the carried ones first, each part by number. */
  List<ForgeChange> order(List<ForgeChange> changed) {
    List<ForgeChange> first = new ArrayList<>();
    List<ForgeChange> then = new ArrayList<>();
    for (ForgeChange fc : changed) {
      (left.contains(fc.number()) ? first : then).add(fc);
    }
    first.sort(BY_NUMBER);
    then.sort(BY_NUMBER);
    first.addAll(then);
    return first;
  }

  /** What this pass left unplanned; a change that closed meanwhile is simply never seen again. */
  void keep(List<ForgeChange> unplanned) {
    left = unplanned.stream().map(ForgeChange::number).collect(Collectors.toUnmodifiableSet());
  }

  int size() {
    return left.size();
  }
}
