import {
  defaultCatalogue,
  type ModelCatalogue,
  mergeCatalogue,
  routingStrategies,
} from '@modelmux/core';
import { modelIdForms, parseModelId } from '../model-id.js';
import { badRequest, HttpError } from './http-error.js';
import type { HandlerFactory } from './handler-types.js';

/** Where a model id sends a request: the factory's strategy, another strategy, a provider, a model. */
export interface ModelTarget {
  /** The id as requested. */
  id: string;
  /** Pin this provider first (a provider name, or the provider of `provider/model`). */
  provider?: string;
  /** Route with this strategy (a strategy name). */
  strategy?: string;
  /** Ask for this model (the model of `provider/model`, or a bare model id of a provider). */
  model?: string;
}

function catalogueOf(factory: HandlerFactory): ModelCatalogue {
  return factory.config.catalogue
    ? mergeCatalogue(defaultCatalogue, factory.config.catalogue)
    : defaultCatalogue;
}

/** The provider that serves a bare model id: the one configured with it, else one of its family. */
function providerOfModel(factory: HandlerFactory, model: string): string | undefined {
  const providers = factory.listProviders();
  const infos = providers.map((name) => factory.getProviderInfo(name));
  const configured = infos.find((info) => info.model === model);
  if (configured) return configured.name;
  const family = catalogueOf(factory)[model]?.provider;
  return family === undefined ? undefined : infos.find((info) => info.type === family)?.name;
}

/**
 * Reads a model id as the drop-ins do: `auto` (the factory's strategy), a strategy name
 * (`cost`, `quality`, …), a provider name (`anthropic`), `provider/model`, or a bare model id
 * that a configured provider serves (`gpt-4o-mini`). Anything else is a 404 naming the choices.
 */
export function resolveModelId(factory: HandlerFactory, id: unknown): ModelTarget {
  if (typeof id !== 'string' || id.trim() === '')
    throw badRequest('model', "is required: 'auto', a strategy, a provider or 'provider/model'");
  const providers = factory.listProviders();
  const target = parseModelId(id, providers);
  if (target !== undefined) return { id, ...target };
  const provider = providerOfModel(factory, id);
  if (provider !== undefined) return { id, provider, model: id };
  throw new HttpError({
    status: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param: 'model',
    message: `The model "${id.slice(0, 100)}" does not exist here: ${modelIdForms(providers)}, or a model a provider serves (GET /models lists them)`,
    errorKind: 'not_found',
  });
}

/** Whether an allow-list (a virtual key's) lets this caller use the target. */
export function isAllowed(target: ModelTarget, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined) return true;
  if (allowed.includes(target.id)) return true;
  if (target.provider === undefined) return false;
  if (target.model !== undefined && allowed.includes(`${target.provider}/${target.model}`))
    return true;
  return allowed.includes(target.provider);
}

/** Refuses a target outside the allow-list with a 403. */
export function assertAllowed(target: ModelTarget, allowed: readonly string[] | undefined): void {
  if (!isAllowed(target, allowed))
    throw new HttpError({
      status: 403,
      type: 'permission_error',
      code: 'model_not_allowed',
      param: 'model',
      message: `The model "${target.id.slice(0, 100)}" is not allowed for this caller`,
      errorKind: 'permission',
    });
}

/**
 * Every model id this factory answers to, as GET /models lists them: `auto`, the strategies,
 * the providers, and `provider/model` for each provider's configured model and the catalogue
 * models of its family.
 */
export function listModelIds(factory: HandlerFactory): string[] {
  const ids = ['auto', ...routingStrategies];
  const catalogue = Object.values(catalogueOf(factory));
  for (const name of factory.listProviders()) {
    const info = factory.getProviderInfo(name);
    ids.push(name, `${name}/${info.model}`);
    for (const model of catalogue)
      if (model.provider === info.type && model.id !== info.model) ids.push(`${name}/${model.id}`);
  }
  return [...new Set(ids)];
}
