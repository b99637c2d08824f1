package dev.ciorchestrator.policy.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The function bindings of a cel-java extension library, so that we can put a check in front of a
 * stock function instead of copying its code. A library hands its bindings to the builder it is
 * given; ours only records them, and refuses anything else a future library version might ask of it
 * (the engine then fails to build rather than silently losing a bound).
 */
final class StockBindings {
  private final Map<String, CelFunctionBinding> byOverloadId = new HashMap<>();

  /** Checks the arguments of a call before the stock function runs. */
  interface Check {
    void check(Object[] args) throws CelEvaluationException;
  }

  StockBindings(CelRuntimeLibrary library) {
    library.setRuntimeOptions(recorder());
  }

  /** The stock overload behind {@code check}, with the same overload id and argument types. */
  CelFunctionBinding checked(String overloadId, Check check) {
    CelFunctionBinding stock = stock(overloadId);
    return CelFunctionBinding.from(
        overloadId,
        stock.getArgTypes(),
        args -> {
          check.check(args);
          return stock.getDefinition().apply(args);
        });
  }

  CelFunctionBinding stock(String overloadId) {
    CelFunctionBinding stock = byOverloadId.get(overloadId);
    if (stock == null) {
      throw new IllegalStateException("cel-java no longer has the overload " + overloadId);
    }
    return stock;
  }

  private CelRuntimeBuilder recorder() {
    return (CelRuntimeBuilder)
        Proxy.newProxyInstance(
            CelRuntimeBuilder.class.getClassLoader(),
            new Class<?>[] {CelRuntimeBuilder.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("addFunctionBindings")) {
                throw new UnsupportedOperationException(
                    "a library asked the recorder for " + method.getName());
              }
              Iterable<?> bindings =
                  args[0] instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) args[0];
              for (Object binding : bindings) {
                record((CelFunctionBinding) binding);
              }
              return proxy;
            });
  }

  // A library also binds each function name to a dispatcher over its overloads, under the name;
  // only overload ids are ever looked up.
  private void record(CelFunctionBinding binding) {
    byOverloadId.putIfAbsent(binding.getOverloadId(), binding);
  }
}
