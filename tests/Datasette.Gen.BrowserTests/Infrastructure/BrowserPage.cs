using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>A page and its context, with every console error and uncaught exception it produced.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = new();

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add("uncaught: " + error);
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToList();
            }
        }
    }

    /// <summary>Goes to <paramref name="path"/> and fails unless the answer is 200.</summary>
    public async Task GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
    }

    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "errors in the page:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
