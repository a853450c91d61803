namespace Datasette.Gen.Configuration.UrlEncoding;

/// <summary>
/// Python's <c>urllib.parse.quote_plus</c>, which <c>urlencode</c> applies to query-string names
/// and values: [A-Za-z0-9_.~-] stay, a space becomes +, every other UTF-8 byte becomes %XX.
/// </summary>
public static class FormEncoding
{
    public static string QuotePlus(string value) => ByteEscaping.Encode(value, '%', dotAndTildeSafe: true);
}
