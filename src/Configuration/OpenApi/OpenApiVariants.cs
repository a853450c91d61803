namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// The responses of the arguments that change a response's type (<c>_shape</c>, <c>_nl</c>,
/// <c>_labels</c>/<c>_label</c>). An operation's 200 is the default shape alone, so generated
/// clients return typed rows: OpenAPI cannot key responses by query argument, and a 200 that is
/// a union of shapes becomes an untyped or wrapper type in every generator. The variants are
/// listed under the vendor extension <c>x-response-variants</c>, keyed by the arguments that
/// select them, each a Response Object; the selecting arguments are left out of the operation's
/// parameters, so a generated client cannot ask for a body it would fail to read.
/// </summary>
public static class OpenApiVariants
{
    public const string Extension = "x-response-variants";

    public const string Note = "The 200 response is the default shape (`_shape=objects`). The arguments that change the response's type "
        + "(`_shape=arrays|array|arrayfirst|object`, `_nl=on` with `_shape=array`, `_labels=on` or `_label=COLUMN`) are not parameters "
        + "of this operation: the responses they select are listed under `" + Extension + "`, keyed by those arguments.";

    private const string Json = "application/json";

    public static void Table(OpenApiJsonWriter w, OpenApiTable table, string rowKey, bool keyed, Action<OpenApiJsonWriter> labelledRow)
    {
        w.Name(Extension).StartObject();
        Arrays(w, "TableEnvelope");
        Shapes(w, rowKey, keyed);
        if (table.Columns.Any(c => c.ForeignKey))
        {
            Variant(w, "_labels=on", "Foreign-key columns expanded into {value, label} objects (`_label=COLUMN` expands only the columns named).", Json, v =>
            {
                v.StartObject().Name("allOf").StartArray().RefObject("schemas", "TableEnvelope").EndArray().Property("type", "object")
                    .Name("properties").StartObject().Name("rows").StartObject().Property("type", "array").Name("items");
                labelledRow(v);
                v.EndObject().EndObject().Strings("required", new[] { "rows" }).EndObject();
            });
        }
        w.EndObject();
    }

    public static void Row(OpenApiJsonWriter w, string rowKey)
    {
        w.Name(Extension).StartObject();
        Arrays(w, "RowEnvelope");
        Shapes(w, rowKey, keyed: true);
        w.EndObject();
    }

    public static void Query(OpenApiJsonWriter w)
    {
        w.Name(Extension).StartObject();
        Arrays(w, "QueryEnvelope");
        Variant(w, "_shape=array", "The rows alone.", Json, v => v.StartObject().Property("type", "array").Name("items").RefObject("schemas", "QueryRow").EndObject());
        Common(w);
        w.EndObject();
    }

    private static void Arrays(OpenApiJsonWriter w, string envelope) =>
        Variant(w, "_shape=arrays", "The envelope with each row as an array of values in column order.", Json, v =>
            v.StartObject().Name("allOf").StartArray().RefObject("schemas", envelope).EndArray().Property("type", "object")
                .Name("properties").StartObject().Name("rows").StartObject().Property("type", "array").Name("items").RefObject("schemas", "RowArray").EndObject().EndObject()
                .Strings("required", new[] { "rows" }).EndObject());

    private static void Shapes(OpenApiJsonWriter w, string rowKey, bool keyed)
    {
        Variant(w, "_shape=array", "The rows alone.", Json, v => v.StartObject().Property("type", "array").Name("items").RefObject("schemas", rowKey).EndObject());
        Common(w);
        if (keyed)
        {
            Variant(w, "_shape=object", "The rows keyed by their tilde-encoded primary key values joined with ','.", Json, v =>
                v.StartObject().Property("type", "object").Name("additionalProperties").RefObject("schemas", rowKey).EndObject());
        }
    }

    private static void Common(OpenApiJsonWriter w)
    {
        Variant(w, "_shape=array&_nl=on", "Newline-delimited JSON: one compact row per line.", "text/plain", v => v.RefObject("schemas", "NewlineDelimited"));
        Variant(w, "_shape=arrayfirst", "The first column's value of each row.", Json, v => v.RefObject("schemas", "FirstColumns"));
    }

    private static void Variant(OpenApiJsonWriter w, string arguments, string description, string mediaType, Action<OpenApiJsonWriter> schema)
    {
        w.Name(arguments).StartObject().Property("description", description).Name("content").StartObject().Name(mediaType).StartObject().Name("schema");
        schema(w);
        w.EndObject().EndObject().EndObject();
    }
}
