package dev.ciorchestrator.forge.local;

/**
 * A refusal because of the forge's state rather than the input's form: an edit of a change that is
 * no longer open, or a second open change from one source branch. An API answers it 409; {@link
 * #field} names the input it is about ({@code ""} for the request as a whole).
 */
public final class ChangeConflict extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  ChangeConflict(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The store's parameter the conflict is about, such as {@code sourceBranch}; or {@code ""}. */
  public String field() {
    return field;
  }
}
