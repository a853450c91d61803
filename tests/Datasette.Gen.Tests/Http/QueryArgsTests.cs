using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Tests.Http;

/// <summary>The query string as Datasette parses it (parse_qsl, blank values kept) and rebuilds it (urlencode).</summary>
public sealed class QueryArgsTests
{
    [Fact]
    public void Parse_keeps_order_repeats_and_blank_values()
    {
        var args = QueryArgs.Parse("?a=1&b=&c&a=2");
        Assert.Equal(
            new[] { ("a", "1"), ("b", ""), ("c", ""), ("a", "2") },
            args.Pairs.Select(p => (p.Key, p.Value)).ToArray());
        Assert.Equal("1", args.Get("a"));
        Assert.Equal(new[] { "1", "2" }, args.GetAll("a"));
        Assert.True(args.Contains("c"));
        Assert.Equal("", args.Get("b"));
        Assert.Null(args.Get("missing"));
        Assert.False(args.Contains("missing"));
    }

    [Fact]
    public void Parse_accepts_a_query_string_without_its_question_mark_and_skips_empty_parts()
    {
        var args = QueryArgs.Parse("x=1&&y=2&");
        Assert.Equal(new[] { "x", "y" }, args.Pairs.Select(p => p.Key));
        Assert.Empty(QueryArgs.Parse("").Pairs);
        Assert.Empty(QueryArgs.Parse(null).Pairs);
        Assert.Empty(QueryArgs.Parse("?").Pairs);
    }

    [Fact]
    public void Parse_form_decodes_plus_and_percent_escapes_in_names_and_values()
    {
        var args = QueryArgs.Parse("?sql=select+%2A+from+t&na%6De=caf%C3%A9&plus=%2B&slash=a%2Fb");
        Assert.Equal("select * from t", args.Get("sql"));
        Assert.Equal("café", args.Get("name"));
        Assert.Equal("+", args.Get("plus"));
        Assert.Equal("a/b", args.Get("slash"));
    }

    [Fact]
    public void Parse_splits_only_on_ampersands_so_semicolons_stay_inside_values()
    {
        // Python 3.10+ parse_qsl (Datasette 1.0a37 runs on 3.11) no longer treats ';' as a separator.
        var args = QueryArgs.Parse("?sql=select+1;+select+2&x=a;b=c");
        Assert.Equal("select 1; select 2", args.Get("sql"));
        Assert.Equal("a;b=c", args.Get("x"));
        Assert.Equal(2, args.Pairs.Count);
    }

    [Fact]
    public void Parse_leaves_invalid_percent_escapes_literal_and_replaces_invalid_utf8()
    {
        var args = QueryArgs.Parse("?a=100%&b=%zz&c=%FF&d=%4");
        Assert.Equal("100%", args.Get("a"));
        Assert.Equal("%zz", args.Get("b"));
        Assert.Equal("\uFFFD", args.Get("c"));
        Assert.Equal("%4", args.Get("d"));
    }

    [Fact]
    public void Parse_splits_on_the_first_equals_sign_only()
    {
        Assert.Equal("a=b", QueryArgs.Parse("?_where=a=b").Get("_where"));
    }

    [Fact]
    public void GetCommaSeparated_merges_repeated_and_comma_separated_values()
    {
        var args = QueryArgs.Parse("?_extra=columns&_extra=count,+count_sql,&_extra=");
        Assert.Equal(new[] { "columns", "count", "count_sql" }, args.GetCommaSeparated("_extra"));
    }

    [Fact]
    public void ToQueryString_drops_removed_names_and_appends_replacements_at_the_end()
    {
        var args = QueryArgs.Parse("?_size=2&_sort=sortable_with_nulls&_col=sortable_with_nulls&_next=old");
        var query = args.ToQueryString(
            new[] { "_next", "_sort", "_sort_desc" },
            new[] { new KeyValuePair<string, string>("_next", "$null,a,b"), new KeyValuePair<string, string>("_sort", "sortable_with_nulls") });
        Assert.Equal("?_size=2&_col=sortable_with_nulls&_next=%24null%2Ca%2Cb&_sort=sortable_with_nulls", query);
    }

    [Fact]
    public void ToQueryString_of_nothing_is_empty_and_reencodes_spaces_as_plus()
    {
        Assert.Equal("", QueryArgs.Empty.ToQueryString());
        Assert.Equal("?q=two+words&blank=", QueryArgs.Parse("?q=two%20words&blank").ToQueryString());
    }
}
