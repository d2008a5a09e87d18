using System.Text.Json;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.User;

/// <summary>
/// Conformance of a payload to a recorded Binance one: the same field names in the same order, the same JSON kinds
/// (a string stays a string, a number a number, true/false a boolean) and the same nesting. Values are not compared.
/// </summary>
internal static class JsonShape
{
    public static void AssertSame(string expectedJson, string actualJson, params string[] ignoredFields)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        Compare(expected.RootElement, actual.RootElement, "$", ignoredFields);
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, string[] ignored)
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: Binance sends {Kind(expected)}, the sim sent {Kind(actual)} ({actual.GetRawText()})");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            string[] names = [.. expected.EnumerateObject().Select(p => p.Name).Where(n => !ignored.Contains(n))];
            string[] actualNames = [.. actual.EnumerateObject().Select(p => p.Name).Where(n => !ignored.Contains(n))];
            Assert.True(names.SequenceEqual(actualNames), $"{path}: Binance's fields [{string.Join(",", names)}], the sim's [{string.Join(",", actualNames)}]");
            foreach (string name in names)
            {
                Compare(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}", ignored);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            Compare(expected[0], actual[0], $"{path}[0]", ignored);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => e.ValueKind.ToString(),
    };
}

/// <summary>The recorded Binance payloads in the repository's data folder (data/README.md gives their provenance).</summary>
internal static class BinanceFixtures
{
    /// <summary>The JSON body of a Binance.Net REST fixture: line 1 the method, line 2 the path, line 3 signed, then the body.</summary>
    public static string RestBody(string name) =>
        string.Join('\n', File.ReadAllLines(RepoData.Path("binance", "rest", "binance_net", "UsdFutures_Endpoints", name)).Skip(3));

    /// <summary>The payload of a Binance.Net socket fixture: what follows the line holding <c>=</c>, with the <c>|1|</c> id placeholder as a string.</summary>
    public static string SocketPayload(string folder, string name)
    {
        string[] lines = File.ReadAllLines(RepoData.Path("binance", "ws", "binance_net", folder, name));
        int at = Array.FindIndex(lines, l => l.Trim() == "=");
        return string.Join('\n', lines.Skip(at + 1)).Replace("\"|1|\"", "\"1\"").Replace("|1|", "1");
    }

    /// <summary>A Nautilus user-data fixture (one JSON message).</summary>
    public static string NautilusUserData(string name) =>
        File.ReadAllText(RepoData.Path("binance", "ws", "nautilus", "crate_test_data", "futures", "user_data_json", name));
}
