using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Permissions;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>actor_matches_allow (permissions spec §7) through the interpreted matcher and the runtime's JSON actor.</summary>
public sealed class AllowBlockTests
{
    [Theory]
    [InlineData("""{"id": "x"}""", "true", true)]
    [InlineData("""{"id": "x"}""", "false", false)]
    [InlineData(null, "true", true)]
    [InlineData("""{"id": "x"}""", "{}", false)]
    [InlineData("""{"id": "root", "name": "R"}""", """{"id": "root"}""", true)]
    [InlineData("""{"id": "cleopaws"}""", """{"id": ["simon", "cleopaws"]}""", true)]
    [InlineData("""{"id": "x", "roles": ["staff", "developer"]}""", """{"roles": ["developer"]}""", true)]
    [InlineData("""{"id": ["a", "b"]}""", """{"id": "b"}""", true)]
    [InlineData("""{"id": null}""", """{"id": "*"}""", true)]
    [InlineData("""{"bot": "readme-bot"}""", """{"id": "*"}""", false)]
    [InlineData(null, """{"id": "*"}""", false)]
    [InlineData(null, """{"unauthenticated": true}""", true)]
    [InlineData("""{"id": "x"}""", """{"unauthenticated": true}""", false)]
    [InlineData(null, """{"unauthenticated": false}""", false)]
    [InlineData("""{"id": "trevor", "role": ["ops", "staff"]}""", """{"id": ["simon", "cleopaws"], "role": "ops"}""", true)]
    [InlineData("""{"id": 5}""", """{"id": "5"}""", false)]
    [InlineData("""{"id": 5}""", """{"id": 5}""", true)]
    [InlineData("""{"id": 1}""", """{"id": true}""", true)]
    [InlineData("""{"id": {"nested": 1}}""", """{"id": "x"}""", false)]
    [InlineData("""{"id": "x"}""", "1", true)]
    [InlineData("""{"id": "x"}""", "0", false)]
    public void Actor_matches_allow_as_datasette_does(string? actor, string allow, bool expected)
    {
        var block = PermissionCompiler.Block(ConfigReader.Read("allow.json", allow).Root!);

        Assert.Equal(expected, AllowMatcher.Matches(block, JsonActor.From(Actor(actor))));
    }
}
