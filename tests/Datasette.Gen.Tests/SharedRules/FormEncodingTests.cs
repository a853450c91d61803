using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>Python's quote_plus, shared by query strings the runtime builds and the generator's typed URLs.</summary>
public sealed class FormEncodingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a b", "a+b")]
    [InlineData("_.-~", "_.-~")]
    [InlineData("a/b?c=d&e#f", "a%2Fb%3Fc%3Dd%26e%23f")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("+%", "%2B%25")]
    [InlineData("$null,a", "%24null%2Ca")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("", "")]
    public void QuotePlus_matches_pythons_quote_plus(string value, string expected)
    {
        Assert.Equal(expected, FormEncoding.QuotePlus(value));
    }

    [Theory]
    [InlineData("_size")]
    [InlineData("sortable_with_nulls")]
    [InlineData("1.5e-3~x")]
    public void A_value_that_needs_no_encoding_is_returned_without_allocating(string value)
    {
        Assert.Same(value, FormEncoding.QuotePlus(value));
    }

    [Fact]
    public void The_runtime_and_the_generated_urls_use_the_shared_rule()
    {
        Assert.Equal(FormEncoding.QuotePlus("a b/ç"), Datasette.Gen.Runtime.Http.QueryArgs.QuotePlus("a b/ç"));
    }
}
