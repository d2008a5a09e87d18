using System.Text.Json;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// Compares a payload with a recorded Binance payload of the same kind: the same field names (in the same order where
/// <c>ordered</c>), the same JSON types (string, number, boolean, null, object, array) and the same nesting, checked
/// down through objects and the first element of arrays. Values are not compared.
/// </summary>
public static class PayloadShape
{
    /// <summary>A Binance.Net REST fixture (line 1 method, line 2 path, line 3 signed, then the JSON).</summary>
    public static JsonElement RestFixture(string name)
    {
        string[] lines = File.ReadAllLines(RepoData.Path("binance", "rest", "binance_net", "UsdFutures_Endpoints", name));
        return Parse(string.Join('\n', lines.Skip(3)));
    }

    /// <summary>A Binance.Net user-stream fixture: the <c>data</c> of the frame after the <c>=</c> line.</summary>
    public static JsonElement WsFixture(string name)
    {
        string[] lines = File.ReadAllLines(RepoData.Path("binance", "ws", "binance_net", "UsdFutures_Subscriptions", name));
        int start = Array.FindIndex(lines, l => l.TrimEnd() == "=") + 1;
        return Parse(string.Join('\n', lines.Skip(start))).GetProperty("data");
    }

    public static JsonElement NautilusRest(string name) =>
        Parse(File.ReadAllText(RepoData.Path("binance", "rest", "nautilus", "crate_test_data", "futures", "http_json", name)));

    public static JsonElement Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts the same shape; <paramref name="notEmitted"/> are fixture fields the sim leaves out (named per test, with the reason).</summary>
    public static void AssertSame(JsonElement expected, JsonElement actual, bool ordered, params string[] notEmitted) =>
        Compare(expected, actual, "$", ordered, notEmitted);

    private static void Compare(JsonElement expected, JsonElement actual, string path, bool ordered, string[] notEmitted)
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: Binance has {Kind(expected)}, the sim {Kind(actual)}");
        if (expected.ValueKind == JsonValueKind.Object)
        {
            var want = expected.EnumerateObject().Select(p => p.Name).Where(n => !notEmitted.Contains(n)).ToList();
            var have = actual.EnumerateObject().Select(p => p.Name).ToList();
            if (ordered)
            {
                Assert.True(want.SequenceEqual(have), $"{path}: Binance's fields\n  {string.Join(",", want)}\nthe sim's\n  {string.Join(",", have)}");
            }
            else
            {
                Assert.True(want.Order(StringComparer.Ordinal).SequenceEqual(have.Order(StringComparer.Ordinal)),
                    $"{path}: missing [{string.Join(",", want.Except(have))}], extra [{string.Join(",", have.Except(want))}]");
            }

            foreach (string name in want)
            {
                Compare(expected.GetProperty(name), actual.GetProperty(name), path + "." + name, ordered, notEmitted);
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0)
        {
            Assert.True(actual.GetArrayLength() > 0, $"{path}: the sim's array is empty, nothing to compare");
            Compare(expected[0], actual[0], path + "[0]", ordered, notEmitted);
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => e.ValueKind.ToString().ToLowerInvariant(),
    };
}
