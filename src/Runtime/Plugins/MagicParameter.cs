using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Resolves the rest of a <c>:_prefix_rest</c> parameter for a request. Throw
/// <see cref="KeyNotFoundException"/> for a key it does not know (Datasette's <c>KeyError</c>):
/// the query then fails with 400 "Unknown magic parameter".
/// </summary>
public delegate ValueTask<object?> MagicParameterResolver(string key, DatasetteRequest request);

/// <summary>One magic parameter of <c>register_magic_parameters</c>: <c>:_{Prefix}_{key}</c> in a stored query's SQL.</summary>
public sealed record MagicParameter(string Prefix, MagicParameterResolver Resolve);
