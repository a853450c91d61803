using System.IO;
using Datasette.Gen.Runtime.Hosting;

namespace Datasette.Gen.App;

/// <summary>The demo database compiled into the executable as its SQL script.</summary>
internal static class DemoDatabase
{
    public static EmbeddedDatabase Load()
    {
        using var stream = typeof(DemoDatabase).Assembly.GetManifestResourceStream("demo.sql")!;
        using var reader = new StreamReader(stream);
        return new EmbeddedDatabase("demo", reader.ReadToEnd());
    }
}
