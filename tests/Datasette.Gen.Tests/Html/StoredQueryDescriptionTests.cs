using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Tests.Html;

/// <summary>A stored query's description_html is markup only when the deployment (or a trusted query) wrote it.</summary>
public sealed class StoredQueryDescriptionTests
{
    [Fact]
    public void Configured_queries_render_their_html()
    {
        var query = new StoredQuery("db", "q", "select 1") { Source = "config", DescriptionHtml = "<b>bold</b>" };
        Assert.Equal("<b>bold</b>", QueryHtml.DescriptionHtml(query));
    }

    [Fact]
    public void A_users_query_shows_its_html_as_text()
    {
        var query = new StoredQuery("db", "q", "select 1") { Source = "user", DescriptionHtml = "<script>alert(1)</script>" };
        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt;", QueryHtml.DescriptionHtml(query));
    }

    [Fact]
    public void A_plain_description_is_escaped()
    {
        var query = new StoredQuery("db", "q", "select 1") { Source = "config", Description = "a < b" };
        Assert.Equal("a &lt; b", QueryHtml.DescriptionHtml(query));
    }
}
