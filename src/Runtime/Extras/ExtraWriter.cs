using System.Text.Json;

namespace Datasette.Gen.Runtime.Extras;

/// <summary>
/// Writes one extra on one page. A page keeps its writers in output order, so the order of
/// the JSON keys is the order of that list.
/// </summary>
internal readonly record struct ExtraWriter<TContext>(Extra Id, Action<Utf8JsonWriter, TContext> Write)
{
    /// <summary>Writes, in list order, every extra of <paramref name="writers"/> that <paramref name="resolved"/> holds.</summary>
    public static void WriteAll(Utf8JsonWriter writer, ReadOnlySpan<ExtraWriter<TContext>> writers, ExtraSet resolved, TContext context)
    {
        foreach (var entry in writers)
        {
            if (resolved.Has(entry.Id))
            {
                entry.Write(writer, context);
            }
        }
    }
}
