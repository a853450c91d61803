using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class CsvTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Table_csv_quotes_only_when_needed_and_adds_label_columns()
    {
        var response = await Server.Client.GetAsync("/fixtures/facetable.csv?_labels=on&_size=2");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var lines = text.Split("\r\n");
        Assert.Equal("pk,created,planet_int,on_earth,state,_city_id,_city_id_label,_neighborhood,tags,complex_array,distinct_some_null,n", lines[0]);
        Assert.Equal("1,2019-01-14 08:00:00,1,1,CA,1,San Francisco,Mission,\"[\"\"tag1\"\", \"\"tag2\"\"]\",\"[{\"\"foo\"\": \"\"bar\"\"}]\",one,n1", lines[1]);
    }

    [Fact]
    public async Task Streaming_csv_returns_every_row_across_pages_in_key_order()
    {
        var text = await Server.Client.GetStringAsync("/fixtures/compound_three_primary_keys.csv?_stream=1&_size=7");
        var rows = text.Split("\r\n", System.StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(1001, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(rows.OrderBy(r => r, System.StringComparer.Ordinal), rows);
    }

    [Fact]
    public async Task Download_header_and_streaming_rules()
    {
        var download = await Server.Client.GetAsync("/fixtures/simple_primary_key.csv?_dl=1");
        Assert.Equal("text/csv; charset=utf-8", download.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=\"simple_primary_key.csv\"", download.Content.Headers.ContentDisposition!.ToString());

        var noNext = await Server.Client.GetAsync("/fixtures/simple_primary_key.csv?_stream=1&_next=2");
        Assert.Equal(400, (int)noNext.StatusCode);

        var headerless = await Server.Client.GetStringAsync("/fixtures/simple_primary_key/1.csv?_header=off");
        Assert.Equal("1,hello\r\n", headerless);
    }

    [Fact]
    public async Task Blob_cells_link_to_blob_downloads_that_return_the_bytes()
    {
        var text = await Server.Client.GetStringAsync("/fixtures/binary_data.csv");
        var link = text.Split("\r\n")[1].Split(',')[1];
        Assert.EndsWith("/fixtures/binary_data/1.blob?_blob_column=data", link);
        var blob = await Server.Client.GetAsync(link);
        Assert.Equal("application/binary", blob.Content.Headers.ContentType!.ToString());
        Assert.Equal(System.Convert.FromBase64String("FRwCx60F/g=="), await blob.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment; filename=\"binary_data-1-data.blob\"", blob.Content.Headers.ContentDisposition!.ToString());

        var missing = await Server.Client.GetAsync("/fixtures/binary_data/1.blob");
        Assert.Equal(400, (int)missing.StatusCode);
    }

    [Fact]
    public async Task Query_csv_links_blobs_by_hash()
    {
        var text = await Server.Client.GetStringAsync("/fixtures/-/query.csv?sql=select+data+from+binary_data+where+rowid+%3D+1");
        var link = text.Split("\r\n")[1];
        Assert.Contains("/fixtures/-/query.blob?sql=", link);
        var blob = await Server.Client.GetAsync(link);
        Assert.Equal(System.Convert.FromBase64String("FRwCx60F/g=="), await blob.Content.ReadAsByteArrayAsync());
        var expired = await Server.Client.GetAsync(link[..^4] + "0000");
        Assert.Equal(400, (int)expired.StatusCode);
    }
}
