using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// Every link the HTML pages offer leads somewhere: a breadth-first walk from <c>/</c> over the
/// fixtures (anonymous, then as root, who sees the editing and debug links too) follows each
/// same-site href, src and form action and fails on any 404 or server error. A new page or link
/// is covered without a test of its own.
/// </summary>
public sealed partial class LinkCrawlTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    // Enough to reach every page family (index, databases, tables, rows, queries, debug pages) and
    // their facet, sort and filter links; the walk is breadth-first, so the cap cuts the deepest variants.
    private const int PageLimit = 1000;

    // Links the corpus's own config names (a stylesheet and a sign-in page that plugins of
    // Datasette's test suite provide there); this instance has neither, by design.
    private static readonly HashSet<string> CorpusOnlyLinks = new(StringComparer.Ordinal) { "/static/extra-css-urls.css", "/login-as-root" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_link_from_the_pages_leads_to_a_page_that_answers(bool asRoot)
    {
        var cookie = asRoot ? "ds_actor=" + fixture.Server.Datasette.ActorCookieValue(new JsonObject { ["id"] = "root" }) : null;
        var broken = new List<string>();
        var seen = new HashSet<string>(CorpusOnlyLinks, StringComparer.Ordinal) { "/" };
        var queue = new Queue<(string Path, string From)>([("/", "(start)")]);
        var visited = 0;
        while (queue.Count > 0 && visited < PageLimit)
        {
            var (path, from) = queue.Dequeue();
            visited++;
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }
            using var response = await fixture.Server.Client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status == 404 || status >= 500)
            {
                broken.Add($"{status} {path} (linked from {from})");
                continue;
            }
            var next = status is >= 300 and < 400 ? response.Headers.Location?.OriginalString : null;
            var links = next is not null ? [next]
                : response.Content.Headers.ContentType?.MediaType == "text/html" ? Links(await response.Content.ReadAsStringAsync()) : [];
            foreach (var link in links)
            {
                if (SameSitePath(path, link) is { } target && seen.Add(target))
                {
                    queue.Enqueue((target, path));
                }
            }
        }

        Assert.True(visited >= 100, $"the walk stopped after {visited} pages");
        Assert.Empty(broken);
    }

    private static IEnumerable<string> Links(string html) =>
        LinkAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));

    /// <summary>The link's path and query on this site, or null for another site, a fragment or a script.</summary>
    private string? SameSitePath(string from, string link)
    {
        if (link.Length == 0 || link.StartsWith('#') || link.StartsWith("javascript:", StringComparison.Ordinal) || link.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return null;
        }
        var site = new Uri(fixture.Server.BaseUrl + "/");
        var target = new Uri(new Uri(site, from), link);
        return target.Authority == site.Authority ? target.PathAndQuery : null;
    }

    [GeneratedRegex(@"\s(?:href|src|action)=""([^""]*)""")]
    private static partial Regex LinkAttribute();
}
