using System.Text;
using Engine.Binance.Live.Orders;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// The gateway's signers against published references: Binance's USD-M "SIGNED Endpoint Examples for POST
/// /fapi/v1/order" (HMAC example 1, key and signature as published) and RFC 8032 §7.1 TEST 1 (Ed25519), the latter
/// also through a PKCS#8 PEM as Binance's key generator writes it (RFC 8410 §7 layout).
/// </summary>
public sealed class SignerTests
{
    private const string DocSecret = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    private const string DocQuery = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC&recvWindow=5000&timestamp=1591702613943";
    private const string DocSignature = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    internal const string RfcSecret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    internal const string RfcPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string RfcSignature = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void Hmac_BinanceExample1_IsThePublishedSignature()
    {
        var signer = new HmacSha256Signer(Encoding.ASCII.GetBytes(DocSecret));
        byte[] signature = new byte[signer.MaxSignatureLength];
        int n = signer.Sign(Encoding.ASCII.GetBytes(DocQuery), signature);
        Assert.Equal(DocSignature, Encoding.ASCII.GetString(signature, 0, n));
    }

    [Fact]
    public void SignedQuery_BinanceExample1_BuildsTheDocumentedRequest()
    {
        using var q = new SignedQuery();
        q.Add("symbol"u8, "BTCUSDT"u8).Add("side"u8, "BUY"u8).Add("type"u8, "LIMIT"u8)
            .AddDecimal("quantity"u8, 100_000_000).AddDecimal("price"u8, 9000L * 100_000_000).Add("timeInForce"u8, "GTC"u8)
            .AddLong("recvWindow"u8, 5000).AddLong("timestamp"u8, 1591702613943);
        q.Sign(new HmacSha256Signer(Encoding.ASCII.GetBytes(DocSecret)));
        Assert.Equal(DocQuery + "&signature=" + DocSignature, q.ToString());
    }

    [Fact]
    public void Ed25519_Rfc8032Test1_SignsThePublishedSignature_InBase64()
    {
        using Ed25519RequestSigner signer = Ed25519RequestSigner.FromRawSeed(Convert.FromHexString(RfcSecret));
        Assert.Equal(RfcPublic, Convert.ToHexStringLower(signer.PublicKey));
        byte[] text = new byte[signer.MaxSignatureLength];
        int n = signer.Sign([], text);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(RfcSignature)), Encoding.ASCII.GetString(text, 0, n));
    }

    [Fact]
    public void Ed25519_FromPkcs8Pem_IsTheSameKey()
    {
        using Ed25519RequestSigner signer = Ed25519RequestSigner.FromPkcs8Pem(Encoding.ASCII.GetBytes(Pkcs8Pem(RfcSecret)));
        Assert.Equal(RfcPublic, Convert.ToHexStringLower(signer.PublicKey));
        byte[] text = new byte[signer.MaxSignatureLength];
        int n = signer.Sign([], text);
        Assert.Equal(RfcSignature, Convert.ToHexStringLower(Convert.FromBase64String(Encoding.ASCII.GetString(text, 0, n))));
    }

    [Fact]
    public void SignedQuery_Ed25519Signature_IsPercentEncoded()
    {
        using Ed25519RequestSigner signer = Ed25519RequestSigner.FromRawSeed(Convert.FromHexString(RfcSecret));
        using var q = new SignedQuery();
        q.AddLong("timestamp"u8, 1);
        q.Sign(signer);
        string text = q.ToString();
        string signature = Uri.UnescapeDataString(text["timestamp=1&signature=".Length..]);
        Assert.DoesNotContain('+', text["timestamp=1&".Length..]);
        Assert.DoesNotContain('/', text["timestamp=1&".Length..]);
        Assert.DoesNotContain('=', text["timestamp=1&signature=".Length..]);
        byte[] expected = new byte[88];
        int n = signer.Sign("timestamp=1"u8, expected);
        Assert.Equal(Encoding.ASCII.GetString(expected, 0, n), signature);
    }

    [Fact]
    public void Signers_WarmSign_AllocateNothing()
    {
        var hmac = new HmacSha256Signer(Encoding.ASCII.GetBytes(DocSecret));
        using Ed25519RequestSigner ed = Ed25519RequestSigner.FromRawSeed(Convert.FromHexString(RfcSecret));
        using var q = new SignedQuery();
        Support.Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                q.Reset();
                q.Add("symbol"u8, "BTCUSDT"u8).AddDecimal("quantity"u8, 1_000_000).AddLong("timestamp"u8, 1591702613943 + i);
                q.Sign((i & 1) == 0 ? hmac : ed);
            }
        });
    }

    /// <summary>RFC 8410 §7: PKCS#8 of an Ed25519 seed is a fixed 16-byte DER prefix and the 32 bytes.</summary>
    internal static string Pkcs8Pem(string seedHex) =>
        "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(Convert.FromHexString("302e020100300506032b657004220420" + seedHex)) + "\n-----END PRIVATE KEY-----\n";
}
