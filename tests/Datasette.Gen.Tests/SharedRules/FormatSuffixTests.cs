using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>Datasette's path_with_format, shared by the runtime's links and the generator's constants.</summary>
public sealed class FormatSuffixTests
{
    [Theory]
    [InlineData("/fixtures/facetable", "json", "/fixtures/facetable.json")]
    [InlineData("/", "json", "/.json")]
    [InlineData("/v1.0/fixtures", "json", "/v1.0/fixtures?_format=json")]
    [InlineData("/fixtures/facetable.json", "csv", "/fixtures/facetable.json?_format=csv")]
    [InlineData("/fixtures/a~2Eb", "csv", "/fixtures/a~2Eb.csv")]
    public void A_dot_anywhere_in_the_path_moves_the_format_into_the_query_string(string path, string format, string expected)
    {
        Assert.Equal(expected, FormatSuffix.Apply(path, format));
        Assert.Equal(expected, path + FormatSuffix.For(path, format));
        Assert.Equal(expected, Datasette.Gen.Runtime.DatasetteUrls.WithFormat(path, format));
    }

    [Theory]
    [InlineData("/db/q.json", '?')]
    [InlineData("/v1.0/db/q?_format=json", '&')]
    public void The_next_pair_starts_with_the_right_separator(string url, char expected)
    {
        Assert.Equal(expected, FormatSuffix.SeparatorAfter(url));
    }
}
