using System.Text;
using Engine.Binance.Live.Orders;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// Keys from the environment or a key file; files holding a secret must be owner-only (0600); no message, exception or
/// ToString ever shows a key or a secret (every such text is searched for the known fake values).
/// </summary>
public sealed class ApiKeyLoaderTests : IDisposable
{
    private const string FakeKey = "FAKEAPIKEYdo_not_print_1234567890";
    private const string FakeSecret = "FAKESECRETdo_not_print_abcdefghij";
    private readonly string _dir = Directory.CreateTempSubdirectory("gateway-keys-").FullName;

    [Fact]
    public void Environment_ApiKeyAndSecret_IsHmac()
    {
        ApiCredentials? c = ApiKeyLoader.FromEnvironment(Env(("BINANCE_API_KEY", FakeKey), ("BINANCE_API_SECRET", FakeSecret)));
        Assert.NotNull(c);
        Assert.Equal(ApiKeyKind.Hmac, c.Kind);
        Assert.Equal(FakeKey, c.ApiKey);
        AssertNoSecret(c.ToString());
        AssertNoSecret(c.Signer.ToString()!);
    }

    [Fact]
    public void Environment_Ed25519File_IsEd25519()
    {
        string pem = Write("ed.pem", SignerTests.Pkcs8Pem(SignerTests.RfcSecret), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ApiCredentials? c = ApiKeyLoader.FromEnvironment(Env(("BINANCE_API_KEY", FakeKey), ("BINANCE_ED25519_KEY_FILE", pem)));
        Assert.Equal(ApiKeyKind.Ed25519, c!.Kind);
        Assert.Equal(SignerTests.RfcPublic, Convert.ToHexStringLower(((Ed25519RequestSigner)c.Signer).PublicKey));
    }

    [Fact]
    public void Environment_Nothing_IsNull_AndHalfAKey_IsRefused()
    {
        Assert.Null(ApiKeyLoader.FromEnvironment(Env()));
        var e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.FromEnvironment(Env(("BINANCE_API_SECRET", FakeSecret))));
        Assert.Contains("BINANCE_API_KEY", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString());
        e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.FromEnvironment(Env(("BINANCE_API_KEY", FakeKey))));
        AssertNoSecret(e.ToString());
    }

    [Fact]
    public void KeyFile_Owner0600_Loads()
    {
        string path = Write("keys.json", $$"""{"apiKey":"{{FakeKey}}","secretKey":"{{FakeSecret}}"}""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        ApiCredentials c = ApiKeyLoader.FromFile(path);
        Assert.Equal(ApiKeyKind.Hmac, c.Kind);
        AssertNoSecret(c.ToString());

        // The same secret signs the same bytes as one given directly.
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        c.Signer.Sign("x=1"u8, a);
        new HmacSha256Signer(Encoding.ASCII.GetBytes(FakeSecret)).Sign("x=1"u8, b);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void KeyFile_ReadableByGroupOrOthers_IsRefusedSayingWhy(UnixFileMode mode, string modeText)
    {
        string path = Write("keys.json", $$"""{"apiKey":"{{FakeKey}}","secretKey":"{{FakeSecret}}"}""", mode);
        var e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.FromFile(path));
        Assert.Contains(modeText, e.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", e.Message, StringComparison.Ordinal);
        Assert.Contains("group and others", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString());
    }

    [Fact]
    public void Ed25519PemFile_WorldReadable_IsRefused()
    {
        string pem = Write("ed.pem", SignerTests.Pkcs8Pem(SignerTests.RfcSecret), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        string path = Write("keys.json", $$"""{"apiKey":"{{FakeKey}}","ed25519PrivateKeyFile":"ed.pem"}""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.FromFile(path));
        Assert.Contains(pem, e.Message, StringComparison.Ordinal);
        Assert.Contains("0604", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"apiKey":"FAKEAPIKEYdo_not_print_1234567890","secretKey":FAKESECRETdo_not_print_abcdefghij}""")]
    [InlineData("""{"apiKey":"FAKEAPIKEYdo_not_print_1234567890","secretKey":"FAKESECRETdo_not_print_abcdefghij" """)]
    [InlineData("""{"apiKey":"FAKEAPIKEYdo_not_print_1234567890"}""")]
    [InlineData("""{"apiKey":"FAKEAPIKEYdo_not_print_1234567890","secretKey":"FAKESECRETdo_not_print_abcdefghij","ed25519PrivateKeyFile":"x.pem"}""")]
    public void KeyFile_Broken_IsRefused_WithoutQuotingIt(string json)
    {
        string path = Write("keys.json", json, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.FromFile(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString());
    }

    [Fact]
    public void Ed25519PemFile_NotAKey_IsRefused_WithoutQuotingIt()
    {
        string pem = Write("ed.pem", "-----BEGIN PRIVATE KEY-----\n" + FakeSecret + "\n-----END PRIVATE KEY-----\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var e = Assert.Throws<ApiKeyException>(() => ApiKeyLoader.Ed25519FromPemFile(pem));
        Assert.Contains("PKCS#8", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(FakeSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("FAKESECRET", text, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => Array.Find(vars, v => v.Name == name).Value;

    private string Write(string name, string text, UnixFileMode mode)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }
}
