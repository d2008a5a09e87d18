using System.Net;

namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// <c>GET /fapi/v1/exchangeInfo</c> gave no document: the venue could not be reached, timed out, answered an HTTP
/// error (with Binance's code and message when it sent them) or something that is not JSON.
/// </summary>
public sealed class ExchangeInfoUnavailableException : Exception
{
    public ExchangeInfoUnavailableException()
    {
    }

    public ExchangeInfoUnavailableException(string message)
        : base(message)
    {
    }

    public ExchangeInfoUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status of the answer; null when there was none.</summary>
    public HttpStatusCode? Status { get; init; }

    /// <summary>How long the venue asked to be left alone (429 / 418 <c>Retry-After</c>); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
