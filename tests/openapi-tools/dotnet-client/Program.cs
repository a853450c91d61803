// Reads facetable through a generated C# client of the conformance deployment and prints the rows
// it got, typed, as JSON (the test compares them with fixtures.db):
//   dotnet GeneratedClients.dll kiota|nswag http://127.0.0.1:PORT
// or inserts a facetable row with a token through the Kiota client and reads it back by its key:
//   dotnet GeneratedClients.dll kiota-write http://127.0.0.1:PORT TOKEN
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

if (args.Length is not (2 or 3) || (args[0] == "kiota-write") != (args.Length == 3))
{
    Console.Error.WriteLine("usage: GeneratedClients kiota|nswag BASE_URL | kiota-write BASE_URL TOKEN");
    return 2;
}
using var http = new HttpClient();
using var output = Console.OpenStandardOutput();
using var json = new Utf8JsonWriter(output);
json.WriteStartObject();
if (args[0] == "kiota-write")
{
    var (written, read) = await KiotaWrite(http, args[1], args[2]);
    json.WritePropertyName("written");
    written.Write(json);
    json.WritePropertyName("read");
    read.Write(json);
}
else
{
    var (rows, byKey) = args[0] switch
    {
        "kiota" => await Kiota(http, args[1]),
        "nswag" => await NSwag(http, args[1]),
        _ => throw new ArgumentException("unknown generator " + args[0]),
    };
    json.WriteStartArray("rows");
    foreach (var row in rows)
    {
        row.Write(json);
    }
    json.WriteEndArray();
    json.WritePropertyName("by_key");
    byKey.Write(json);
}
json.WriteEndObject();
json.Flush();
return 0;

// A row inserted with the typed request body (the token in the Authorization header), answered
// typed (`return`), then read back by its key.
static async Task<(Row Written, Row Read)> KiotaWrite(HttpClient http, string baseUrl, string token)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl };
    var client = new Fixtures.Kiota.ApiClient(adapter);
    var answer = await client.Fixtures.Facetable.Minus.Insert.PostAsync(new Fixtures.Kiota.Models.FacetableInsertRequest
    {
        Row = new Fixtures.Kiota.Models.FacetableRowInput
        {
            State = "WA",
            PlanetInt = 2,
            OnEarth = 0,
            Created = "2026-12-05 16:40:00",
            CityId = 1,
            Neighborhood = "Written through Kiota",
        },
        Return = true,
    }) ?? throw new InvalidDataException("no insert answer");
    var w = (answer.Rows ?? throw new InvalidDataException("no rows in the insert answer")).Single();
    var page = await client.Fixtures.Facetable[w.Pk.ToString()!].GetAsync() ?? throw new InvalidDataException("no row page");
    var r = page.Rows!.Single();
    return (new Row(w.Pk, w.State, w.PlanetInt, w.Created, w.CityId, w.Neighborhood, null), new Row(r.Pk, r.State, r.PlanetInt, r.Created, r.CityId, r.Neighborhood, null));
}

// Four rows in descending primary-key order (an enum argument), then the first again by its key.
static async Task<(List<Row> Rows, Row ByKey)> Kiota(HttpClient http, string baseUrl)
{
    var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl };
    var client = new Fixtures.Kiota.ApiClient(adapter);
    var page = await client.Fixtures.FacetableJson.GetAsync(request =>
    {
        request.QueryParameters.Size = 4;
        request.QueryParameters.SortDescAsFacetableSortColumn = Fixtures.Kiota.Models.FacetableSortColumn.Pk;
    }) ?? throw new InvalidDataException("no page");
    var rows = (page.Rows ?? throw new InvalidDataException("no rows"))
        .Select(r => new Row(r.Pk, r.State, r.PlanetInt, r.Created, r.CityId, r.Neighborhood, page.Next)).ToList();
    var one = await client.Fixtures.Facetable[rows[0].Pk.ToString()!].GetAsync() ?? throw new InvalidDataException("no row page");
    var r = one.Rows!.Single();
    return (rows, new Row(r.Pk, r.State, r.PlanetInt, r.Created, r.CityId, r.Neighborhood, null));
}

static async Task<(List<Row> Rows, Row ByKey)> NSwag(HttpClient http, string baseUrl)
{
    var client = new Fixtures.NSwag.Client(http) { BaseUrl = baseUrl };
    var page = await client.FacetableRowsAsync(_size: 4, _sort_desc: Fixtures.NSwag.FacetableSortColumn.Pk);
    var rows = page.Rows.Select(r => new Row(r.Pk, r.State, r.Planet_int, r.Created, r._city_id, r._neighborhood, page.Next)).ToList();
    var one = await client.FacetableRowAsync(rows[0].Pk.ToString()!);
    var r = one.Rows.Single();
    return (rows, new Row(r.Pk, r.State, r.Planet_int, r.Created, r._city_id, r._neighborhood, null));
}

/// <summary>The facetable columns the test checks, as the generated types hold them.</summary>
internal sealed record Row(int? Pk, string? State, int? PlanetInt, string? Created, int? CityId, string? Neighborhood, string? Next)
{
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        Number(json, "pk", Pk);
        json.WriteString("state", State);
        Number(json, "planet_int", PlanetInt);
        json.WriteString("created", Created);
        Number(json, "_city_id", CityId);
        json.WriteString("_neighborhood", Neighborhood);
        json.WriteString("next", Next);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
