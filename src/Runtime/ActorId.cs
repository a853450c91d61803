using System.Globalization;
using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime;

/// <summary>
/// An actor id as Datasette passes them around: a string or an integer, which keeps its type
/// (<c>actors_from_ids([1])</c> gives <c>{1: {"id": 1}}</c>). Converts implicitly from both.
/// </summary>
public readonly record struct ActorId
{
    private readonly string? _text;

    private ActorId(string? text, long number)
    {
        _text = text;
        Number = number;
    }

    /// <summary>The integer, when the id is one.</summary>
    public long Number { get; }

    public bool IsNumber => _text is null;

    public static implicit operator ActorId(string id) => new(id ?? throw new ArgumentNullException(nameof(id)), 0);

    public static implicit operator ActorId(long id) => new(null, id);

    /// <summary>The id of a JSON value: a string, or an integral number; anything else is its JSON text.</summary>
    public static ActorId From(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : node is JsonValue text && text.TryGetValue<string>(out var s) ? s
        : node?.ToJsonString() ?? "null";

    /// <summary>The id as a JSON value of its own type.</summary>
    public JsonNode ToJson() => _text is null ? JsonValue.Create(Number) : JsonValue.Create(_text);

    public override string ToString() => _text ?? Number.ToString(CultureInfo.InvariantCulture);
}
