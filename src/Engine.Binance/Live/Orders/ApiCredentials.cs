namespace Engine.Binance.Live.Orders;

/// <summary>
/// An API key and the signer of its secret. The key goes in the <c>X-MBX-APIKEY</c> header and nowhere else:
/// <see cref="ToString"/> shows only the kind and where the key came from.
/// </summary>
public sealed class ApiCredentials
{
    public ApiCredentials(string apiKey, IRequestSigner signer, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentNullException.ThrowIfNull(signer);
        ApiKey = apiKey;
        Signer = signer;
        Source = source ?? "";
    }

    /// <summary>The API key text (header value only; never log it).</summary>
    public string ApiKey { get; }

    public IRequestSigner Signer { get; }

    public ApiKeyKind Kind => Signer.Kind;

    /// <summary>Where the key came from, e.g. <c>environment (BINANCE_API_KEY, BINANCE_API_SECRET)</c> or the key file's path.</summary>
    public string Source { get; }

    public override string ToString() => $"{Kind} API key from {Source} (key and secret hidden)";
}
