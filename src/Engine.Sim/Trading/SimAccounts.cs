using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Engine.Sim.Trading;

/// <summary>One API key of the sim: its HMAC secret, optional Ed25519 public key and starting balances.</summary>
public sealed class SimAccount
{
    internal SimAccount(string apiKey, string secretKey, PublicKey? ed25519, IReadOnlyDictionary<string, decimal> balances)
    {
        ApiKey = apiKey;
        SecretKey = secretKey;
        Secret = Encoding.UTF8.GetBytes(secretKey);
        Ed25519 = ed25519;
        Balances = balances;
    }

    public string ApiKey { get; }

    public string SecretKey { get; }

    /// <summary>The HMAC-SHA256 key: the secret's UTF-8 bytes, as Binance uses it.</summary>
    internal byte[] Secret { get; }

    /// <summary>The Ed25519 public key registered for this API key, when one was given.</summary>
    public PublicKey? Ed25519 { get; }

    /// <summary>Starting wallet balances by asset (USDT: the margin asset).</summary>
    public IReadOnlyDictionary<string, decimal> Balances { get; }
}

/// <summary>
/// The sim's accounts: <c>--accounts FILE</c> (<c>{"accounts":[{"apiKey","secretKey","ed25519PublicKey"(PEM,
/// optional),"balances":{"USDT":"10000"}}]}</c>), or one test account made up at start (<c>SIMTEST…</c> keys, random
/// each run, never a real key) that <c>engine sim</c> prints.
/// </summary>
public sealed class SimAccounts
{
    public const decimal DefaultUsdt = 10_000m;

    private readonly Dictionary<string, SimAccount> _byKey;

    private SimAccounts(IReadOnlyList<SimAccount> accounts, bool isDefault)
    {
        All = accounts;
        IsDefault = isDefault;
        _byKey = accounts.ToDictionary(a => a.ApiKey, StringComparer.Ordinal);
    }

    public IReadOnlyList<SimAccount> All { get; }

    /// <summary>True when no accounts file was given and the one account is the made-up test account.</summary>
    public bool IsDefault { get; }

    public bool TryGet(string? apiKey, out SimAccount account)
    {
        account = null!;
        return apiKey is not null && _byKey.TryGetValue(apiKey, out account!);
    }

    /// <summary>The accounts of <paramref name="path"/>, or the test account when it is null.</summary>
    public static SimAccounts LoadOrDefault(string? path) => path is null ? CreateDefault() : Load(path);

    /// <summary>One made-up account with <see cref="DefaultUsdt"/> USDT: keys start with SIMTEST and are random.</summary>
    public static SimAccounts CreateDefault()
    {
        string apiKey = "SIMTEST" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(28)) + "K";
        string secret = "SIMTEST" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(28)) + "S";
        var account = new SimAccount(apiKey, secret, null, new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDT"] = DefaultUsdt });
        return new SimAccounts([account], isDefault: true);
    }

    /// <summary>Reads an accounts file; anything wrong is an <see cref="InvalidDataException"/> naming the file and the entry.</summary>
    public static SimAccounts Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"{path}: cannot read the accounts file: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidDataException($"{path}: cannot read the accounts file: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static SimAccounts Parse(string json, string source = "accounts")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not JSON: {e.Message}", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accounts", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{source}: expected {{\"accounts\":[{{\"apiKey\":…,\"secretKey\":…,\"balances\":{{\"USDT\":\"10000\"}}}}]}}");
            }

            var accounts = new List<SimAccount>();
            int index = 0;
            foreach (JsonElement entry in list.EnumerateArray())
            {
                accounts.Add(ReadAccount(entry, $"{source}: accounts[{index}]"));
                index++;
            }

            if (accounts.Count == 0)
            {
                throw new InvalidDataException($"{source}: the accounts list is empty");
            }

            var duplicate = accounts.GroupBy(a => a.ApiKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new InvalidDataException($"{source}: apiKey {duplicate.Key} is listed twice");
            }

            return new SimAccounts(accounts, isDefault: false);
        }
    }

    private static SimAccount ReadAccount(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: not an object");
        }

        string apiKey = RequiredText(entry, "apiKey", where);
        string secret = RequiredText(entry, "secretKey", where);
        PublicKey? ed25519 = null;
        if (entry.TryGetProperty("ed25519PublicKey", out JsonElement pem) && pem.ValueKind == JsonValueKind.String && pem.GetString()!.Length > 0)
        {
            ed25519 = ReadEd25519(pem.GetString()!, where);
        }

        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (entry.TryGetProperty("balances", out JsonElement b))
        {
            if (b.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{where}: balances must be an object like {{\"USDT\":\"10000\"}}");
            }

            foreach (JsonProperty asset in b.EnumerateObject())
            {
                string raw = asset.Value.ValueKind == JsonValueKind.String ? asset.Value.GetString()! : asset.Value.GetRawText();
                if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
                {
                    throw new InvalidDataException($"{where}: balance {asset.Name} = '{raw}' is not a non-negative decimal");
                }

                balances[asset.Name.ToUpperInvariant()] = amount;
            }
        }

        if (!balances.ContainsKey("USDT"))
        {
            balances["USDT"] = 0m;
        }

        return new SimAccount(apiKey, secret, ed25519, balances);
    }

    /// <summary>An Ed25519 public key in PEM (<c>-----BEGIN PUBLIC KEY-----</c>, SubjectPublicKeyInfo), as Binance takes it.</summary>
    public static PublicKey ReadEd25519(string pem, string where = "ed25519PublicKey")
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (PublicKey.TryImport(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(pem.Trim()), KeyBlobFormat.PkixPublicKeyText, out PublicKey? key) && key is not null)
        {
            return key;
        }

        throw new InvalidDataException($"{where}: ed25519PublicKey is not an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)");
    }

    private static string RequiredText(JsonElement entry, string name, string where)
    {
        if (!entry.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new InvalidDataException($"{where}: {name} is missing or empty");
        }

        return value.GetString()!;
    }
}
