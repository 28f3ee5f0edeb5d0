export {
  formatProviderErrorMessage as providerErrorMessage,
  type ProviderErrorMessageParts,
} from '@modelmux/core/provider-utils';
