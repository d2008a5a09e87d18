namespace Engine.Binance.Live.Orders;

/// <summary>The two key types the gateway signs with (Binance also accepts RSA; the gateway does not).</summary>
public enum ApiKeyKind : byte
{
    None = 0,

    /// <summary>HMAC-SHA256 with the secret key; signature as 64 lowercase hex characters.</summary>
    Hmac = 1,

    /// <summary>Ed25519 with a PKCS#8 private key; signature base64, the only kind that may <c>session.logon</c> on the WS API.</summary>
    Ed25519 = 2,
}
