using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Engine.Cli.Configuration;

/// <summary>
/// The settings of an options section (its public settable properties of simple types, <c>init</c> ones included, as
/// the configuration binder fills them), what each value must look like, and how effective values print.
/// </summary>
public static class SettingProperties
{
    public static IEnumerable<PropertyInfo> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetSetMethod() is not null && IsSimple(p.PropertyType));

    /// <summary>
    /// Whether the binder can convert <paramref name="key"/>'s value to <paramref name="type"/> (with its own
    /// converters, invariant culture), and the value is one the engine takes: the binder also accepts numbers for
    /// enum members and infinities for doubles, which no setting means. <paramref name="allowed"/> says what would do.
    /// </summary>
    public static bool IsValid(IConfiguration configuration, string key, Type type, out string allowed)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        allowed = Describe(t) + (t == type ? string.Empty : ", or empty for none");
        if (string.IsNullOrWhiteSpace(configuration[key]))
        {
            return t != type || t == typeof(string); // the binder would set 0 for an empty value (a JSON null) of a number
        }

        object? value;
        try
        {
            value = configuration.GetValue(type, key);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return value switch
        {
            Enum => Enum.GetNames(t).Contains(configuration[key]!.Trim(), StringComparer.OrdinalIgnoreCase),
            double d => double.IsFinite(d),
            _ => true,
        };
    }

    public static string Format(object? value) => value switch
    {
        null => "(none)",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe(Type t) =>
        t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t))
        : t == typeof(bool) ? "true or false"
        : t == typeof(int) || t == typeof(long) ? "a whole number"
        : t == typeof(double) ? "a finite number"
        : t == typeof(decimal) ? "a decimal number"
        : $"a value of type {t.Name}";

    private static bool IsSimple(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }
}
