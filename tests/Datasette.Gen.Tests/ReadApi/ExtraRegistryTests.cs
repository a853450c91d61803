using System;
using System.Linq;
using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Endpoints.Rows;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class ExtraRegistryTests
{
    [Fact]
    public void Comma_lists_and_repeated_arguments_combine_and_empty_parts_are_skipped()
    {
        var requested = ExtraRegistry.Parse(QueryArgs.Parse("_extra=count,,columns&_extra=primary_keys&_extra="), ExtraScopes.Table);
        Assert.Equal(ExtraSet.Of(Extra.Count, Extra.Columns, Extra.PrimaryKeys), requested);
    }

    [Fact]
    public void Names_are_not_trimmed_as_in_Datasette()
    {
        var error = Assert.Throws<DatasetteHttpException>(() => ExtraRegistry.Parse(QueryArgs.Parse("_extra=count,+columns"), ExtraScopes.Table));
        Assert.Equal(400, error.Status);
        Assert.Equal("Unknown _extra:  columns", error.Message);
    }

    [Fact]
    public void Unknown_names_are_listed_once_in_sorted_order()
    {
        var error = Assert.Throws<DatasetteHttpException>(() => ExtraRegistry.Parse(QueryArgs.Parse("_extra=zeta,count,alpha&_extra=zeta"), ExtraScopes.Table));
        Assert.Equal("Unknown _extra: alpha, zeta", error.Message);
    }

    [Fact]
    public void Internal_and_other_scope_extras_are_unknown_but_html_pages_ignore_them()
    {
        var error = Assert.Throws<DatasetteHttpException>(() => ExtraRegistry.Parse(QueryArgs.Parse("_extra=primary_key_values,count,columns"), ExtraScopes.Row));
        Assert.Equal("Unknown _extra: count, primary_key_values", error.Message);
        var html = ExtraRegistry.Parse(QueryArgs.Parse("_extra=primary_key_values,count,columns"), ExtraScopes.Row, rejectUnknown: false);
        Assert.Equal(ExtraSet.Of(Extra.Columns), html);
    }

    [Fact]
    public void Resolving_adds_what_a_block_brings_along_and_the_scope_defaults()
    {
        Assert.Equal(ExtraSet.Of(Extra.Count, Extra.CountTruncated), ExtraRegistry.Resolve(ExtraSet.Of(Extra.Count), ExtraScopes.Table));
        Assert.Equal(ExtraSet.Of(Extra.SortedFacetResults, Extra.FacetResults), ExtraRegistry.Resolve(ExtraSet.Of(Extra.SortedFacetResults), ExtraScopes.Table));
        Assert.Equal(ExtraSet.None, ExtraRegistry.Resolve(ExtraSet.None, ExtraScopes.Table));
        Assert.Equal(ExtraSet.Of(Extra.Database, Extra.Table, Extra.PrimaryKeys, Extra.PrimaryKeyValues), ExtraRegistry.Resolve(ExtraSet.None, ExtraScopes.Row));
    }

    [Fact]
    public void A_page_without_extra_allocates_nothing_for_it()
    {
        var args = QueryArgs.Parse("_size=10&_sort=pk&state=CA");
        _ = ExtraRegistry.Resolve(ExtraRegistry.Parse(args, ExtraScopes.Table), ExtraScopes.Table);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var resolved = ExtraRegistry.Resolve(ExtraRegistry.Parse(args, ExtraScopes.Table), ExtraScopes.Table);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(resolved.IsEmpty);
    }

    /// <summary>An extra a scope accepts but no writer writes would be silently dropped; a writer for one it rejects is dead.</summary>
    [Fact]
    public void Every_page_writes_exactly_the_extras_its_scope_accepts_or_shows_by_default_each_once()
    {
        AssertWritten(ExtraScopes.Table, TableExtras.WriterIds);
        AssertWritten(ExtraScopes.Row, RowExtras.BeforeRows.Concat(RowExtras.AfterRows).Select(w => w.Id).ToArray());
        AssertWritten(ExtraScopes.Query, QueryExtras.Writers.Select(w => w.Id).ToArray());
    }

    [Fact]
    public void Every_extra_is_declared_once()
    {
        var ids = ExtraRegistry.Definitions.Select(d => d.Id).ToList();
        Assert.Equal(Enum.GetValues<Extra>().Order(), ids.Order());
        Assert.Equal(ids.Count, ExtraRegistry.Definitions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.True(ids.Count <= 64, "ExtraSet holds one bit per extra in a ulong");
    }

    private static void AssertWritten(ExtraScopes scope, Extra[] written)
    {
        var expected = ExtraRegistry.Definitions
            .Where(d => (d.Public && (d.Scopes & scope) != 0) || (d.DefaultIn & scope) != 0)
            .Select(d => d.Id)
            .Order();
        Assert.Equal(expected, written.Order());
    }
}
