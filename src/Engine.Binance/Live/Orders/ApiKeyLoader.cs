using System.Text;
using System.Text.Json;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Loads the API key: from the environment (<c>BINANCE_API_KEY</c> with <c>BINANCE_API_SECRET</c> for HMAC, or with
/// <c>BINANCE_ED25519_KEY_FILE</c>, a PKCS#8 PEM, for Ed25519), or from a JSON key file
/// (<c>{"apiKey":…,"secretKey":…}</c> or <c>{"apiKey":…,"ed25519PrivateKeyFile":…}</c>). Every file holding a secret
/// must be readable by its owner only (mode 0600 or stricter); a group- or world-readable one is refused. Errors name
/// the variable or file and the reason, never a value.
/// </summary>
public static class ApiKeyLoader
{
    public const string ApiKeyVariable = "BINANCE_API_KEY";
    public const string SecretVariable = "BINANCE_API_SECRET";
    public const string Ed25519FileVariable = "BINANCE_ED25519_KEY_FILE";

    private const UnixFileMode NotOwner =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The key file when one is given, else the environment; null when neither names a key.</summary>
    public static ApiCredentials? Load(string? keyFile, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrEmpty(keyFile) ? FromFile(keyFile) : FromEnvironment(environment);
    }

    public static ApiCredentials? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? apiKey = environment(ApiKeyVariable);
        string? secret = environment(SecretVariable);
        string? edFile = environment(Ed25519FileVariable);
        if (string.IsNullOrEmpty(apiKey))
        {
            if (!string.IsNullOrEmpty(secret) || !string.IsNullOrEmpty(edFile))
            {
                throw new ApiKeyException($"{SecretVariable} or {Ed25519FileVariable} is set but {ApiKeyVariable} is not");
            }

            return null;
        }

        if (!string.IsNullOrEmpty(secret) && !string.IsNullOrEmpty(edFile))
        {
            throw new ApiKeyException($"both {SecretVariable} and {Ed25519FileVariable} are set: set one (HMAC or Ed25519)");
        }

        if (!string.IsNullOrEmpty(edFile))
        {
            return new ApiCredentials(apiKey, Ed25519FromPemFile(edFile), $"environment ({ApiKeyVariable}, {Ed25519FileVariable})");
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new ApiKeyException($"{ApiKeyVariable} is set but neither {SecretVariable} nor {Ed25519FileVariable} is");
        }

        return new ApiCredentials(apiKey, new HmacSha256Signer(Encoding.UTF8.GetBytes(secret)), $"environment ({ApiKeyVariable}, {SecretVariable})");
    }

    public static ApiCredentials FromFile(string path)
    {
        byte[] bytes = ReadOwnerOnly(path, "key file");
        string? apiKey = null;
        string? secret = null;
        string? edFile = null;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ApiKeyException($"key file '{path}' is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                string? value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                switch (name)
                {
                    case "apiKey": apiKey = value; break;
                    case "secretKey": secret = value; break;
                    case "ed25519PrivateKeyFile": edFile = value; break;
                    default: break;
                }
            }
        }
        catch (JsonException e)
        {
            // Not chained: the parser's message quotes the text around the error, which may be the secret.
            throw new ApiKeyException($"key file '{path}' is not valid JSON (line {e.LineNumber + 1})");
        }
        finally
        {
            Array.Clear(bytes);
        }

        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ApiKeyException($"key file '{path}' has no \"apiKey\" string");
        }

        if (!string.IsNullOrEmpty(secret) == !string.IsNullOrEmpty(edFile))
        {
            throw new ApiKeyException($"key file '{path}' needs exactly one of \"secretKey\" (HMAC) and \"ed25519PrivateKeyFile\" (Ed25519)");
        }

        if (!string.IsNullOrEmpty(edFile))
        {
            string resolved = Path.IsPathRooted(edFile) ? edFile : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", edFile);
            return new ApiCredentials(apiKey, Ed25519FromPemFile(resolved), $"key file '{path}'");
        }

        return new ApiCredentials(apiKey, new HmacSha256Signer(Encoding.UTF8.GetBytes(secret!)), $"key file '{path}'");
    }

    public static Ed25519RequestSigner Ed25519FromPemFile(string path)
    {
        byte[] pem = ReadOwnerOnly(path, "Ed25519 private key file");
        try
        {
            return Ed25519RequestSigner.FromPkcs8Pem(pem);
        }
        catch (ApiKeyException)
        {
            throw new ApiKeyException($"Ed25519 private key file '{path}' is not a PKCS#8 PEM Ed25519 private key (-----BEGIN PRIVATE KEY-----)");
        }
        finally
        {
            Array.Clear(pem);
        }
    }

    /// <summary>Reads a file that holds a secret, refusing it when anyone but its owner may read or write it.</summary>
    public static byte[] ReadOwnerOnly(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new ApiKeyException($"{what} '{path}' does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            if ((mode & NotOwner) != 0)
            {
                throw new ApiKeyException(
                    $"{what} '{path}' has mode {ModeText(mode)}: it holds a secret, so group and others must have no access; run 'chmod 600 {path}'");
            }
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ApiKeyException($"{what} '{path}' cannot be read: {e.GetType().Name}");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ApiKeyException($"{what} '{path}' cannot be read: permission denied");
        }
    }

    private static string ModeText(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
