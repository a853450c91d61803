using System.Linq;
using System.Text;
using System.Text.Json;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Tests.SharedRules;

/// <summary>
/// Every writer of a configuration tree as JSON presents a mapping as the Python dict Datasette
/// builds from the same YAML: a duplicated key keeps its first place and takes its last value.
/// </summary>
public sealed class ConfigJsonTests
{
    private const string Yaml = """
        a: 1
        b: {x: first, y: 2, x: last}
        a: 3
        """;

    private static ConfigMapping Root() => (ConfigMapping)ConfigReader.Read("dup.yaml", Yaml).Root!;

    [Fact]
    public void A_mapping_lists_each_key_once_at_its_first_place_with_its_last_value()
    {
        var entries = Root().DistinctEntries().Select(e => (e.Key, e.Value.GetType().Name)).ToArray();
        Assert.Equal(new[] { ("a", nameof(ConfigScalar)), ("b", nameof(ConfigMapping)) }, entries);
    }

    [Fact]
    public void Python_json_text_follows_the_dict_rule()
    {
        Assert.Equal("""{"a": 3, "b": {"x": "last", "y": 2}}""", ConfigTree.ToPythonJson(Root()));
    }

    [Fact]
    public void The_config_page_writer_follows_the_dict_rule()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ConfigNodeJson.Write(writer, Root(), redact: false);
        }
        Assert.Equal("""{"a":3,"b":{"x":"last","y":2}}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Plugin_configuration_nodes_follow_the_dict_rule()
    {
        Assert.Equal("""{"a":3,"b":{"x":"last","y":2}}""", ConfigJsonNodes.ToJsonNode(Root(), resolveSecrets: false)!.ToJsonString());
    }
}
