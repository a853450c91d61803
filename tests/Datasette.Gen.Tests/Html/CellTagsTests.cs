using System.Text;
using Datasette.Gen.Runtime.Html;

namespace Datasette.Gen.Tests.Html;

/// <summary>Cell tags are kept between pages: the same bytes as made fresh, and endless column names cannot grow the memory.</summary>
public sealed class CellTagsTests
{
    [Theory]
    [InlineData("state", "col-state", "str")]
    [InlineData("a<b", "col-ab-1a2b3c", "int")]
    [InlineData("name", "col-name", "unknown")]
    public void A_kept_tag_is_the_tag_made_fresh(string column, string columnClass, string type)
    {
        var expected = "<td class=\"" + HtmlResponse.Encoder.Encode(columnClass + " type-" + type) + "\" data-column=\"" + HtmlResponse.Encoder.Encode(column) + "\">";
        for (var page = 0; page < 2; page++)
        {
            var (cssClass, tag) = new CellTags.Cache([columnClass], [column]).Get(0, type);
            Assert.Equal(columnClass + " type-" + type, cssClass);
            Assert.Equal(expected, Encoding.UTF8.GetString(tag));
        }
    }

    [Fact]
    public void The_same_column_name_with_another_class_gets_its_own_tag()
    {
        var first = new CellTags.Cache(["col-x"], ["x"]).Get(0, "str");
        var second = new CellTags.Cache(["col-y"], ["x"]).Get(0, "str");
        Assert.Equal("col-y type-str", second.CssClass);
        Assert.NotEqual(first.CssClass, second.CssClass);
    }

    [Fact]
    public void Kept_tags_are_bounded()
    {
        for (var i = 0; i < CellTags.MaxShared + 100; i++)
        {
            var name = "made up " + i;
            new CellTags.Cache(["col-" + i], [name]).Get(0, "str");
        }
        Assert.True(CellTags.SharedCount <= CellTags.MaxShared);
        Assert.Equal("col-1 type-str", new CellTags.Cache(["col-1"], ["made up 1"]).Get(0, "str").CssClass);
    }
}
