package dev.gillab.refcount;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A test run once for each strategy whose objects are counted and freed: all but IMMORTAL. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@EnumSource(
    value = CountStrategy.class,
    names = {"PLAIN", "ATOMIC", "BIASED"})
@interface EveryMortalStrategy {}
