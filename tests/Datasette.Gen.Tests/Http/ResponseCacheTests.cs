using System.Collections.Generic;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Tests.Http;

/// <summary>The response cache's bound and eviction order, and If-None-Match matching.</summary>
public sealed class ResponseCacheTests
{
    private static CachedResponse Page(int bytes) => new([new("Content-Type", "application/json")], new byte[bytes]);

    [Fact]
    public void The_cache_never_holds_more_than_its_bound_and_evicts_the_least_recently_used()
    {
        // Four pages of a little under 5,000 bytes fit in 20,000; a fifth pushes one out.
        var cache = new ResponseCache(20_000);
        foreach (var key in new[] { "a", "b", "c", "d" })
        {
            cache.Add(key, Page(4_500));
        }
        Assert.Equal(4, cache.Count);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the least recently used
        cache.Add("e", Page(4_500));
        Assert.InRange(cache.Bytes, 1, cache.MaxBytes);
        Assert.False(cache.TryGet("b", out _));
        foreach (var key in new[] { "a", "c", "d", "e" })
        {
            Assert.True(cache.TryGet(key, out _), key);
        }
        for (var i = 0; i < 100; i++)
        {
            cache.Add("page" + i, Page(100 + (i * 37 % 4_000)));
            Assert.InRange(cache.Bytes, 1, cache.MaxBytes);
        }
    }

    [Fact]
    public void A_page_larger_than_a_quarter_of_the_bound_is_not_kept()
    {
        var cache = new ResponseCache(10_000);
        cache.Add("small", Page(100));
        cache.Add("big", Page(3_000));
        Assert.False(cache.TryGet("big", out _));
        Assert.True(cache.TryGet("small", out _));
    }

    [Fact]
    public void Replacing_an_entry_counts_its_bytes_once()
    {
        var cache = new ResponseCache(10_000);
        cache.Add("a", Page(1_000));
        var once = cache.Bytes;
        cache.Add("a", Page(1_000));
        Assert.Equal(once, cache.Bytes);
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("\"abc\"", true)]
    [InlineData("W/\"abc\"", true)]
    [InlineData("\"x\",\"abc\"", true)]
    [InlineData(" \"x\" , W/\"abc\" ", true)]
    [InlineData("*", false)] // not a tag: IsAny
    [InlineData("\"abcd\"", false)]
    [InlineData("abc", false)]
    public void If_none_match_compares_tags_weakly_in_lists(string? header, bool matches)
    {
        Assert.Equal(matches, ConditionalGet.ListsTag(header, "\"abc\""));
    }
}
