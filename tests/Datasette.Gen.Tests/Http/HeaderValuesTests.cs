using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Tests.Http;

/// <summary>The one builder of header values from names, URLs and text that users, databases or plugins control.</summary>
public sealed class HeaderValuesTests
{
    [Theory]
    [InlineData("simple_primary_key.csv")]
    [InlineData("Table With Space In Name.csv")]
    [InlineData("binary_data-1-data.blob")]
    [InlineData("fixtures.db")]
    public void Attachment_of_a_plain_ascii_name_is_datasettes_header_byte_for_byte(string name) =>
        Assert.Equal($"attachment; filename=\"{name}\"", HeaderValues.Attachment(name));

    [Theory]
    [InlineData("a\"b.csv", "attachment; filename=\"a_b.csv\"; filename*=UTF-8''a%22b.csv")]
    [InlineData("a\r\nX-Injected: 1.csv", "attachment; filename=\"a__X-Injected: 1.csv\"; filename*=UTF-8''a%0D%0AX-Injected%3A%201.csv")]
    [InlineData("café.csv", "attachment; filename=\"caf_.csv\"; filename*=UTF-8''caf%C3%A9.csv")]
    [InlineData("a; filename=evil.exe", "attachment; filename=\"a_ filename=evil.exe\"; filename*=UTF-8''a%3B%20filename%3Devil.exe")]
    [InlineData("100%.csv", "attachment; filename=\"100_.csv\"; filename*=UTF-8''100%25.csv")]
    [InlineData("back\\slash", "attachment; filename=\"back_slash\"; filename*=UTF-8''back%5Cslash")]
    [InlineData("𝐜𝐢𝐭𝐢𝐞𝐬.csv", "attachment; filename=\"______.csv\"; filename*=UTF-8''%F0%9D%90%9C%F0%9D%90%A2%F0%9D%90%AD%F0%9D%90%A2%F0%9D%90%9E%F0%9D%90%AC.csv")]
    public void Attachment_of_any_other_name_has_an_ascii_fallback_and_the_exact_name_in_filename_star(string name, string expected)
    {
        Assert.Equal(expected, HeaderValues.Attachment(name));
        var parsed = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(expected);
        Assert.Equal(name, System.Uri.UnescapeDataString(parsed.Parameters.Single(p => p.Name == "filename*").Value!["UTF-8''".Length..]));
        Assert.Equal(2, parsed.Parameters.Count);
    }

    [Theory]
    [InlineData("/db/table?_next=a~2Cb&_sort=c", "/db/table?_next=a~2Cb&_sort=c")]
    [InlineData("http://127.0.0.1:8001/db/t.json?x=%20y", "http://127.0.0.1:8001/db/t.json?x=%20y")]
    [InlineData("/db/é?x=\"<>\"", "/db/%C3%A9?x=%22%3C%3E%22")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/a%0D%0ASet-Cookie:%20x=1")]
    public void Url_percent_encodes_what_a_uri_cannot_hold_and_keeps_existing_escapes(string url, string expected) =>
        Assert.Equal(expected, HeaderValues.Url(url));

    [Theory]
    [InlineData("//evil.example/x", "/evil.example/x")]
    [InlineData("/\\evil.example", "/evil.example")]
    [InlineData("/ok?q=é", "/ok?q=%C3%A9")]
    public void Location_collapses_leading_slashes_and_encodes(string location, string expected) =>
        Assert.Equal(expected, HeaderValues.Location(location));

    [Fact]
    public void Link_cannot_be_closed_early_by_the_url()
    {
        Assert.Equal("</t?x=%3E;%20rel=%22evil%22>; rel=\"next\"", HeaderValues.Link("/t?x=>; rel=\"evil\"", "rel=\"next\""));
    }

    [Theory]
    [InlineData("eyJhIjoxfQ.abc-_", "eyJhIjoxfQ.abc-_")]
    [InlineData("", "\"\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("a;b,c", "\"a\\073b\\054c\"")]
    [InlineData("a=(b)", "\"a=(b)\"")]
    [InlineData("q\"\\", "\"q\\\"\\\\\"")]
    [InlineData("\r\n", "\"\\015\\012\"")]
    [InlineData("é", "\"\\351\"")]
    [InlineData("€", "\"\\342\\202\\254\"")]
    public void Cookie_values_are_quoted_and_escaped_as_python_simplecookie_does(string value, string expected) =>
        Assert.Equal(expected, HeaderValues.CookieValue(value));

    [Fact]
    public void Set_cookie_writes_one_header_whatever_the_value()
    {
        var context = new DefaultHttpContext();
        Cookies.Set(context.Response, "ds_test", "x\r\nSet-Cookie: evil=1; é");
        Assert.Equal("ds_test=\"x\\015\\012Set-Cookie: evil=1\\073 \\351\"; Path=/; SameSite=lax", context.Response.Headers.SetCookie.Single());
        Assert.Throws<System.ArgumentException>(() => Cookies.Set(context.Response, "bad name", "v"));
    }

    [Fact]
    public async Task A_plugin_response_cannot_inject_headers_or_send_non_ascii()
    {
        var context = new DefaultHttpContext();
        var response = DatasetteResponse.Text("ok").WithHeader("X-Name", "é\r\nX-Injected: 1") with { ContentType = "text/plain\r\nX-Other: 2" };
        await response.SendAsync(context);
        Assert.Equal("%C3%A9  X-Injected: 1", context.Response.Headers["X-Name"].ToString());
        Assert.Equal("text/plain  X-Other: 2", context.Response.ContentType);
        Assert.Equal("/x%0D%0AX-Injected:%201", DatasetteResponse.Redirect("/x\r\nX-Injected: 1").Headers.Single().Value);
    }
}
