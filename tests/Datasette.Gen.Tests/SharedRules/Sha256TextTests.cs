using Datasette.Gen.Configuration.Hashing;
using Datasette.Gen.Configuration.OpenApi;
using Datasette.Gen.Configuration.Schema;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>The one SHA-256 text digest behind stored-query keys in the schema snapshot and OpenAPI type names that would otherwise clash.</summary>
public sealed class Sha256TextTests
{
    [Fact]
    public void Digests_are_lower_case_hex_of_the_utf8_text()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Text.Hex("abc"));
        Assert.Equal(System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("é 😀"u8)), Sha256Text.Hex("é 😀"));
    }

    [Fact]
    public void Snapshot_query_keys_and_openapi_keys_are_prefixes_of_that_digest()
    {
        Assert.Equal(Sha256Text.Hex("select 1")[..16], SchemaSnapshot.HashSql("select 1"));
        var clashing = OpenApiTypeNames.Assign(new OpenApiTypeNames.Item[] { new(OpenApiTypeNames.Kind.Table, "d", "a b"), new(OpenApiTypeNames.Kind.Table, "d", "a_b") }, []);
        Assert.Equal("AB_" + Sha256Text.Hex("Table\0d\0a b")[..6], clashing[new(OpenApiTypeNames.Kind.Table, "d", "a b")]);
    }
}
