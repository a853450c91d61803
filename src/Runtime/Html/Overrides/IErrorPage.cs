namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>STATUS.html</c> (<c>404.html</c>, <c>500.html</c>…) and <c>error.html</c>.</summary>
public interface IErrorPage : IPage
{
    /// <summary>The HTTP status, 400 to 599.</summary>
    int Status { get; }

    /// <summary>The error's title, or "Error STATUS".</summary>
    string Heading { get; }

    /// <summary>The error message, as text.</summary>
    string Message { get; }
}
