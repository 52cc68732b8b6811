package org.clvkit.core.value;

import org.quicktheories.core.Gen;

/** Five generated values, since QuickTheories' {@code forAll} takes at most four generators. */
record Five<A, B, C, D, E>(A a, B b, C c, D d, E e) {

  static <A, B, C, D, E> Gen<Five<A, B, C, D, E>> of(
      Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Gen<E> e) {
    return a.zip(b, c, d, e, Five::new);
  }
}
