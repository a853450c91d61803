namespace Datasette.Gen.Runtime.Errors;

/// <summary>A recognised token that is invalid or expired: the request fails with 401.</summary>
public sealed class TokenInvalidException(string message = "Invalid token") : Exception(message);
