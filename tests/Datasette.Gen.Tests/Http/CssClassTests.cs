using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Tests.Http;

/// <summary>Datasette's to_css_class, remembered per name: the same answers, and made-up names cannot grow the memory.</summary>
public sealed class CssClassTests
{
    [Theory]
    [InlineData("state", "state")]
    [InlineData("_city_id", "city_id-07c442")]
    [InlineData("_neighborhood", "neighborhood-b352a7")]
    public void Names_are_sanitised_as_datasette_does_the_first_time_and_after(string name, string expected)
    {
        Assert.Equal(expected, CssClass.Sanitise(name));
        Assert.Equal(expected, CssClass.Sanitise(name));
    }

    [Fact]
    public void Remembered_names_are_bounded()
    {
        for (var i = 0; i < CssClass.MaxKept + 100; i++)
        {
            CssClass.Sanitise("made up " + i);
        }
        Assert.True(CssClass.KeptCount <= CssClass.MaxKept);
        Assert.Equal("made-up-1-" + Datasette.Gen.Runtime.Data.NameDigest.Md5Hex("made up 1")[..6], CssClass.Sanitise("made up 1"));
    }
}
