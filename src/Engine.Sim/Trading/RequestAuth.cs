using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Engine.Sim.Trading;

/// <summary>
/// Binance's request security, shared by REST and the WS API: the account behind <c>X-MBX-APIKEY</c> (-2014 when
/// absent, -2015 when unknown), <c>timestamp</c>/<c>recvWindow</c> against the server's wall clock including the
/// <c>Clock:SkewMs</c> fault (-1021: accepted when <c>timestamp &lt; serverTime + 1000</c> and
/// <c>serverTime − timestamp ≤ recvWindow</c>, recvWindow 5000 by default and at most 60000), and the signature over
/// the exact payload (-1022): HMAC-SHA256 of the secret as lowercase or uppercase hex (64 characters), or Ed25519 with
/// the account's registered public key as base64. On REST the payload is the query string followed directly by the
/// body (no <c>&amp;</c> between them, Binance's example 3), each as sent, with the <c>signature</c> parameter taken
/// out; on the WS API it is every parameter but <c>signature</c>, sorted by name (the caller builds it).
/// </summary>
public sealed class RequestAuth
{
    public const long DefaultRecvWindowMs = 5000;
    public const long MaxRecvWindowMs = 60000;

    private readonly SimExchange _exchange;

    internal RequestAuth(SimExchange exchange, SimAccounts accounts)
    {
        _exchange = exchange;
        Accounts = accounts;
    }

    public SimAccounts Accounts { get; }

    /// <summary>Requests refused, by code (-1021, -1022, -2015…), for the report.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _refused;

    /// <summary>The account of an API key: -2014 when there is none, -2015 when it is unknown.</summary>
    public SimError? FindAccount(string? apiKey, out SimAccount account)
    {
        account = null!;
        if (string.IsNullOrEmpty(apiKey))
        {
            return Refuse(SimError.KeyFormat);
        }

        return Accounts.TryGet(apiKey, out account) ? null : Refuse(SimError.UnknownKey);
    }

    /// <summary>
    /// The whole check of a signed request: account, timestamp window, signature. <paramref name="payload"/> is the
    /// exact signed text (see the class summary); null is returned when the request passes.
    /// </summary>
    public SimError? Authenticate(string? apiKey, string payload, string? signature, string? timestamp, string? recvWindow, out SimAccount account)
    {
        ArgumentNullException.ThrowIfNull(payload);
        SimError? error = FindAccount(apiKey, out account);
        if (error is not null)
        {
            return error;
        }

        error = CheckTimestamp(timestamp, recvWindow);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(signature))
        {
            return Refuse(SimError.Mandatory("signature"));
        }

        return Verify(account, payload, signature) ? null : Refuse(SimError.BadSignature);
    }

    /// <summary>The -1021 check against <see cref="SimExchange.ServerTimeMs"/> (the wall clock plus <c>Clock:SkewMs</c>).</summary>
    public SimError? CheckTimestamp(string? timestamp, string? recvWindow)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long ts))
        {
            return Refuse(SimError.Mandatory("timestamp"));
        }

        long window = DefaultRecvWindowMs;
        if (recvWindow is not null && (!long.TryParse(recvWindow, NumberStyles.None, CultureInfo.InvariantCulture, out window) || window > MaxRecvWindowMs))
        {
            return Refuse(SimError.BadRecvWindow);
        }

        long server = _exchange.ServerTimeMs;
        if (ts < server + 1000 && server - ts <= window)
        {
            return null;
        }

        if (_exchange.Faults.Clock.SkewMs != 0)
        {
            _exchange.FaultsInjected.Count("Clock:SkewMs");
        }

        return Refuse(ts >= server + 1000 ? SimError.AheadOfServer : SimError.OutsideRecvWindow);
    }

    /// <summary>True when <paramref name="signature"/> signs <paramref name="payload"/> for the account: 64 hex characters are HMAC-SHA256, anything else Ed25519 base64.</summary>
    public static bool Verify(SimAccount account, string payload, string signature)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signature);
        byte[] data = Encoding.UTF8.GetBytes(payload);
        if (signature.Length == 64 && IsHex(signature))
        {
            byte[] expected = HMACSHA256.HashData(account.Secret, data);
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
        }

        if (account.Ed25519 is null)
        {
            return false;
        }

        byte[] raw = new byte[64];
        return Convert.TryFromBase64String(signature, raw, out int written) && written == 64
            && SignatureAlgorithm.Ed25519.Verify(account.Ed25519, data, raw);
    }

    /// <summary>The HMAC-SHA256 signature Binance expects of <paramref name="payload"/> under <paramref name="secretKey"/>, lowercase hex.</summary>
    public static string HmacHex(string secretKey, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(payload)));

    /// <summary>
    /// The REST payload Binance signs: the raw query string (without <c>?</c>) followed directly by the raw form body,
    /// with the <c>signature</c> parameter cut out of whichever holds it; <paramref name="signature"/> is its
    /// percent-decoded value (base64 signatures arrive percent-encoded).
    /// </summary>
    public static string RestPayload(string query, string body, out string? signature)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(body);
        signature = null;
        query = CutSignature(query, ref signature);
        body = CutSignature(body, ref signature);
        return query + body;
    }

    /// <summary>The WS API payload: every parameter but <c>signature</c>, sorted by name, joined as <c>k=v&amp;…</c>.</summary>
    public static string SortedPayload(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters.Where(p => p.Key != "signature").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }

    private static string CutSignature(string text, ref string? signature)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('&', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (text.AsSpan(start, end - start).StartsWith("signature=", StringComparison.Ordinal))
            {
                signature ??= Uri.UnescapeDataString(text[(start + "signature=".Length)..end]);
                int cutFrom = start > 0 ? start - 1 : start; // the '&' before it, or the one after when it comes first
                int cutTo = start > 0 ? end : Math.Min(end + 1, text.Length);
                return string.Concat(text.AsSpan(0, cutFrom), text.AsSpan(cutTo));
            }

            start = end + 1;
        }

        return text;
    }

    private static bool IsHex(string s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private SimError Refuse(SimError error)
    {
        Interlocked.Increment(ref _refused);
        return error;
    }
}
