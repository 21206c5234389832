/**
 * The Python front end's mechanics: tokenizer, parser (an AST of records), scope analysis and code
 * generator. Not API: anything here may change without notice; use {@link
 * dev.gillab.gil.python.PythonCompiler}.
 */
package dev.gillab.gil.python.internal;
