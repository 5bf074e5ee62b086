/**
 * Route schemas are compiled on a route's first request instead of at start. Fastify compiles
 * every route's validators (ajv) and response serializers (fast-json-stringify) while it starts;
 * with ~200 routes that was ~1.5 s of the start and tens of megabytes for code most processes
 * never run. The compilers are Fastify's own defaults, with the same options: only the moment
 * of compiling moves. A schema error shows at the route's first request (the authorization
 * matrix test calls every route, so one cannot reach a release unnoticed).
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type BuildValidator = (externalSchemas: unknown, options: unknown) => (route: unknown) => Validate;
type BuildSerializer = (
  externalSchemas: unknown,
  options: unknown,
) => (route: unknown) => (data: unknown) => string;

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

export function lazyCompilersFactory(): CompilersFactory {
  const validators = AjvCompiler() as unknown as BuildValidator;
  const serializers = SerializerSelector() as unknown as BuildSerializer;
  const factory = {
    buildValidator(externalSchemas: unknown, options: unknown) {
      const compile = validators(externalSchemas, options);
      return (route: unknown) => {
        let compiled: Validate | undefined;
        const validate: Validate = (data) => {
          compiled ??= compile(route);
          const result = compiled(data);
          validate.errors = compiled.errors;
          return result;
        };
        return validate;
      };
    },
    buildSerializer(externalSchemas: unknown, options: unknown) {
      const compile = serializers(externalSchemas, options);
      return (route: unknown) => {
        let compiled: ((data: unknown) => string) | undefined;
        return (data: unknown) => {
          compiled ??= compile(route);
          return compiled(data);
        };
      };
    },
  };
  // Fastify's types describe ajv's full function objects; the wrappers give what Fastify calls.
  return factory as unknown as CompilersFactory;
}
