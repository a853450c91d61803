using System;
using System.Collections.Generic;
using System.Globalization;
using Datasette.Gen.Runtime.Endpoints.Tables;

namespace Datasette.Gen.Tests.Html;

/// <summary>The "View and edit SQL" link's query string is made once for the same SQL, and what is kept stays bounded.</summary>
public sealed class EditSqlLinksTests
{
    private static readonly Dictionary<string, object?> NoParameters = [];

    [Fact]
    public void The_same_sql_gets_the_string_made_the_first_time()
    {
        var sql = "select pk, state from facetable\norder by pk limit 101 -- kept " + Guid.NewGuid();
        var first = EditSqlLinks.QueryString(sql, NoParameters);
        Assert.StartsWith("?sql=select+pk%2C+state+from+facetable+order+by+pk+limit+101", first, StringComparison.Ordinal);
        Assert.Same(first, EditSqlLinks.QueryString(sql, NoParameters));
    }

    [Fact]
    public void Parameters_and_long_sql_are_encoded_each_time()
    {
        var parameters = new Dictionary<string, object?> { ["p0"] = 5L };
        var withParameters = EditSqlLinks.QueryString("select * from t where a = :p0", parameters);
        Assert.Equal("?sql=select+%2A+from+t+where+a+%3D+%3Ap0&p0=5", withParameters);
        Assert.NotSame(withParameters, EditSqlLinks.QueryString("select * from t where a = :p0", parameters));

        var longSql = "select '" + new string('x', EditSqlLinks.MaxKeptSqlLength) + "'";
        Assert.NotSame(EditSqlLinks.QueryString(longSql, NoParameters), EditSqlLinks.QueryString(longSql, NoParameters));
    }

    [Fact]
    public void Endless_distinct_sql_cannot_grow_memory()
    {
        for (var i = 0; i < EditSqlLinks.Capacity * 2; i++)
        {
            EditSqlLinks.QueryString("select " + i.ToString(CultureInfo.InvariantCulture), NoParameters);
        }
        // Other tests' pages may add a few at the same time.
        Assert.InRange(EditSqlLinks.KeptCount, 1, EditSqlLinks.Capacity + 16);
    }
}
