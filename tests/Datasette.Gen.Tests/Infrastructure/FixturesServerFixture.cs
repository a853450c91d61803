using System.Threading.Tasks;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>One conformance fixtures server shared by the tests of a class.</summary>
public sealed class FixturesServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    public TestServer Server => _server!;

    public async Task InitializeAsync() => _server = await TestServer.StartFixturesAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
