namespace Datasette.Gen.Runtime.Html;

/// <summary><c>schema.html</c>: <c>/-/schema</c> (every database the actor may view), <c>/DB/-/schema</c> and <c>/DB/TABLE/-/schema</c>.</summary>
public interface ISchemaPage : IPage
{
    string Heading { get; }

    /// <summary>The instance's page, which lists each database under its name.</summary>
    bool IsInstance { get; }

    /// <summary>The table of a table's page, else null.</summary>
    string? Table { get; }

    IReadOnlyList<IDatabaseSchema> Schemas { get; }
}

/// <summary>A database's schema SQL (or the table's), empty when it has none.</summary>
public interface IDatabaseSchema
{
    string Database { get; }

    string Schema { get; }
}

/// <summary>
/// <c>api_explorer.html</c>: <c>/-/api</c>. Datasette.Gen's built-in page is Swagger UI over the
/// OpenAPI document; an override gets the document's URL and lays the page out as it likes.
/// </summary>
public interface IApiExplorerPage : IPage
{
    /// <summary>The OpenAPI document of the JSON API as the actor may see it (<c>/-/openapi.json</c>).</summary>
    string OpenApiUrl { get; }
}
