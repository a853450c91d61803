using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>routes.md §2: tilde encoding of names and key values in paths, the one rule the runtime, the generator and the OpenAPI builder share.</summary>
public sealed class TildeEncodingTests
{
    [Theory]
    [InlineData("table/with/slashes.csv", "table~2Fwith~2Fslashes~2Ecsv")]
    [InlineData("Table With Space In Name", "Table+With+Space+In+Name")]
    [InlineData("fixtures.dot", "fixtures~2Edot")]
    [InlineData("f~/c.d", "f~7E~2Fc~2Ed")]
    [InlineData("fo%o", "fo~25o")]
    [InlineData("𝐜𝐢𝐭𝐢𝐞𝐬", "~F0~9D~90~9C~F0~9D~90~A2~F0~9D~90~AD~F0~9D~90~A2~F0~9D~90~9E~F0~9D~90~AC")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData(".c-d", "~2Ec-d")]
    public void Encode_matches_every_example_of_the_spec_table(string value, string encoded)
    {
        Assert.Equal(encoded, TildeEncoding.Encode(value));
        Assert.Equal(value, TildeEncoding.Decode(encoded));
    }

    [Fact]
    public void Encode_keeps_only_letters_digits_underscore_and_hyphen()
    {
        Assert.Equal("AZaz09_-", TildeEncoding.Encode("AZaz09_-"));
        Assert.Equal("~2C~2B~7E~25~3F~26~3D~23~27~22", TildeEncoding.Encode(",+~%?&=#'\""));
        Assert.Equal("caf~C3~A9", TildeEncoding.Encode("café"));
    }

    [Fact]
    public void Encode_uses_uppercase_hex_digits()
    {
        Assert.Equal("~2E~2F~3A", TildeEncoding.Encode("./:"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("with space, comma and ~tilde~")]
    [InlineData("100% + 50%")]
    [InlineData("多言語 テキスト")]
    [InlineData("emoji 😀 and \t tab")]
    [InlineData("~2F already looks encoded")]
    public void Decode_of_encode_returns_the_original_text(string value)
    {
        Assert.Equal(value, TildeEncoding.Decode(TildeEncoding.Encode(value)));
    }

    [Fact]
    public void Compound_keys_are_encoded_per_component_so_commas_inside_values_survive_splitting()
    {
        var token = string.Join(",", TildeEncoding.Encode("a,b"), TildeEncoding.Encode("c"));
        Assert.Equal("a~2Cb,c", token);
        var parts = token.Split(',');
        Assert.Equal(new[] { "a,b", "c" }, System.Array.ConvertAll(parts, TildeEncoding.Decode));
    }

    [Theory]
    [InlineData("a~zz", "a~zz")]
    [InlineData("a~2", "a~2")]
    [InlineData("~", "~")]
    [InlineData("end~", "end~")]
    [InlineData("~g1~2F", "~g1/")]
    public void Decode_leaves_malformed_tilde_sequences_as_literal_text(string encoded, string decoded)
    {
        Assert.Equal(decoded, TildeEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("fo%o", "fo%o")]
    [InlineData("a%2Fb", "a%2Fb")]
    [InlineData("50%~25", "50%%")]
    public void Decode_keeps_a_literal_percent_sign_and_never_percent_decodes(string encoded, string decoded)
    {
        Assert.Equal(decoded, TildeEncoding.Decode(encoded));
    }

    [Fact]
    public void Decode_turns_plus_into_a_space()
    {
        Assert.Equal("a b c", TildeEncoding.Decode("a+b+c"));
    }

    [Theory]
    [InlineData("~FF", "\uFFFD")]
    [InlineData("x~C3", "x\uFFFD")]
    [InlineData("~C3~A9~FF", "é\uFFFD")]
    public void Decode_replaces_invalid_utf8_with_the_replacement_character(string encoded, string decoded)
    {
        Assert.Equal(decoded, TildeEncoding.Decode(encoded));
    }

    [Fact]
    public void Decode_accepts_lowercase_hex_digits()
    {
        Assert.Equal("a/b.c", TildeEncoding.Decode("a~2fb~2ec"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("facetable")]
    [InlineData("Some_Table-2")]
    public void A_name_that_needs_no_encoding_is_returned_without_allocating(string value)
    {
        // Links are built per row on every page: the common case must not copy the name.
        Assert.Same(value, TildeEncoding.Encode(value));
        Assert.Same(value, TildeEncoding.Decode(value));
    }
}
