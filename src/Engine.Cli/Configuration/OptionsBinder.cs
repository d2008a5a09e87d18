using System.Globalization;
using System.Reflection;
using System.Text;

namespace Engine.Cli.Configuration;

/// <summary>
/// Binds <c>Section:Name</c> settings onto plain options objects (public settable properties of simple types), and
/// describes the effective values with their origin. A key matches a property by its name or by the name in
/// UPPER_SNAKE form, so the original scripts' names (IMB_MIN, ROLL_WINDOW_MIN) address <c>ImbMin</c>, <c>RollWindowMin</c>.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Applies every setting under <paramref name="section"/> to <paramref name="target"/>.</summary>
    public static void Bind(LayeredSettings settings, string section, object target, ICollection<string> errors, ISet<string> consumedKeys)
    {
        string prefix = section + ":";
        foreach (ConfigEntry entry in settings.Entries)
        {
            if (!entry.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string name = entry.Key[prefix.Length..];
            PropertyInfo? property = FindProperty(target.GetType(), name);
            if (property is null)
            {
                continue; // reported as unknown by the caller, which sees every key no section consumed
            }

            consumedKeys.Add(entry.Key);
            if (TryConvert(entry.Value, property.PropertyType, out object? value, out string allowed))
            {
                property.SetValue(target, value);
            }
            else
            {
                errors.Add($"{entry.Key} = '{entry.Value}' ({entry.Origin}): expected {allowed}");
            }
        }
    }

    /// <summary>Every bindable property of <paramref name="target"/> with its effective value and origin.</summary>
    public static IEnumerable<ConfigEntry> Describe(LayeredSettings settings, string section, object target)
    {
        foreach (PropertyInfo property in BindableProperties(target.GetType()))
        {
            string key = $"{section}:{property.Name}";
            string value = Format(property.GetValue(target));
            ConfigEntry? source = FindEntry(settings, section, property);
            yield return source is null
                ? new ConfigEntry(key, value, ConfigLayer.Default, "default")
                : new ConfigEntry(key, value, source.Layer, source.Origin);
        }
    }

    /// <summary>UPPER_SNAKE form of a property name: <c>Chop30Max</c> → <c>CHOP30_MAX</c>.</summary>
    public static string ToUpperSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }

    public static IEnumerable<PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetSetMethod() is not null && IsSimple(p.PropertyType));

    private static ConfigEntry? FindEntry(LayeredSettings settings, string section, PropertyInfo property)
    {
        if (settings.TryGet($"{section}:{property.Name}", out ConfigEntry entry))
        {
            return entry;
        }

        return settings.TryGet($"{section}:{ToUpperSnake(property.Name)}", out entry) ? entry : null;
    }

    private static PropertyInfo? FindProperty(Type type, string name) =>
        BindableProperties(type).FirstOrDefault(p =>
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(ToUpperSnake(p.Name), name, StringComparison.OrdinalIgnoreCase));

    private static bool IsSimple(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static bool TryConvert(string text, Type type, out object? value, out string allowed)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        allowed = t.Name;
        var inv = CultureInfo.InvariantCulture;
        if (Nullable.GetUnderlyingType(type) is not null && (text.Length == 0 || text.Equals("null", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (t == typeof(string))
        {
            value = text;
            return true;
        }

        if (t.IsEnum)
        {
            allowed = "one of " + string.Join(", ", Enum.GetNames(t));
            bool ok = Enum.TryParse(t, text, ignoreCase: true, out object? parsed) && Enum.IsDefined(t, parsed!) && !int.TryParse(text, out _);
            value = parsed;
            return ok;
        }

        if (t == typeof(bool))
        {
            allowed = "true or false";
            bool ok = bool.TryParse(text, out bool b);
            value = b;
            return ok;
        }

        if (t == typeof(int))
        {
            allowed = "a whole number";
            bool ok = int.TryParse(text, NumberStyles.Integer, inv, out int i);
            value = i;
            return ok;
        }

        if (t == typeof(long))
        {
            allowed = "a whole number";
            bool ok = long.TryParse(text, NumberStyles.Integer, inv, out long l);
            value = l;
            return ok;
        }

        if (t == typeof(double))
        {
            allowed = "a finite number";
            bool ok = double.TryParse(text, NumberStyles.Float, inv, out double d) && double.IsFinite(d);
            value = d;
            return ok;
        }

        if (t == typeof(decimal))
        {
            allowed = "a decimal number";
            bool ok = decimal.TryParse(text, NumberStyles.Number, inv, out decimal m);
            value = m;
            return ok;
        }

        allowed = $"a value of type {t.Name}";
        return false;
    }

    private static string Format(object? value) => value switch
    {
        null => "(none)",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
