using Datasette.Gen.Configuration;

namespace Datasette.Gen.Generator.Model;

/// <summary>What Urls.g.cs builds: the compiled base_url and an accessor class per database, table and stored query.</summary>
internal sealed record UrlsModel(string BaseUrl, EquatableArray<DatabaseUrls> Databases);

internal sealed record DatabaseUrls(string Name, string Identifier, EquatableArray<TableUrls> Tables, EquatableArray<QueryUrls> Queries);

/// <summary>A table or view; <see cref="RowKeys"/> is null when row URLs cannot be typed (views, tables absent from the snapshot).</summary>
internal sealed record TableUrls(string Name, string Identifier, bool IsView, EquatableArray<UrlParameter>? RowKeys);

internal sealed record QueryUrls(string Name, string Identifier, EquatableArray<UrlParameter> Parameters);

/// <summary>A primary-key column or query parameter: its name in the URL and its C# parameter name.</summary>
internal sealed record UrlParameter(string Name, string Identifier, bool IsInteger);
