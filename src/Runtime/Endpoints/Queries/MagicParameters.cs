using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>
/// Stored-query parameters Datasette fills itself: <c>:_prefix_key</c> goes to the magic parameter
/// registered for <c>prefix</c> (the built-in ones and the plugins', see <see cref="Datasette.MagicParameters"/>).
/// </summary>
internal static class MagicParameters
{
    public static async ValueTask<object?> ResolveAsync(DatasetteRequest request, Datasette datasette, string name)
    {
        // "_now_epoch" → prefix "now", key "epoch"; "_random_chars_5" → "random", "chars_5".
        var separator = name.IndexOf('_', 1);
        if (separator > 1 && datasette.MagicParameters.TryGetValue(name[1..separator], out var magic))
        {
            if (magic.Prefix != "actor")
            {
                // Headers, cookies, the clock, randomness and plugins' values are not part of what names the answer.
                request.AnswerVaries = true;
            }
            try
            {
                return await magic.Resolve(name[(separator + 1)..], request).ConfigureAwait(false);
            }
            catch (KeyNotFoundException)
            {
                // Datasette's KeyError: the prefix does not know this key.
            }
        }
        throw DatasetteHttpException.BadRequest($"Unknown magic parameter :{name}");
    }
}
