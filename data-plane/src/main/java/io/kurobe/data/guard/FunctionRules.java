package io.kurobe.data.guard;

import io.kurobe.data.Engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which functions generated SQL may call: per dialect an allowlist of built-in aggregate, window, math, string,
 * date/time, conditional, JSON-reading, array and series functions. Anything else is refused; the families known
 * to reach files, the network, other queries, sessions or the server get a reason that names what they do.
 * Reading settings ({@code current_setting}) is refused too: it leaks server configuration, and no question needs it.
 */
final class FunctionRules {
    private static final Set<String> COMMON = words(
            // aggregates
            "count sum avg min max stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop covar_samp",
            "regr_slope regr_intercept regr_count regr_r2 regr_avgx regr_avgy regr_sxx regr_syy regr_sxy",
            "bool_and bool_or every array_agg string_agg percentile_cont percentile_disc mode bit_and bit_or bit_xor",
            "grouping any_value rollup cube grouping_sets",
            // window functions
            "row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value",
            // math
            "abs ceil ceiling floor round trunc sign sqrt cbrt power pow exp ln log log10 log2 mod pi degrees radians",
            "sin cos tan asin acos atan atan2 cot sinh cosh tanh asinh acosh atanh greatest least random",
            "width_bucket gcd lcm factorial",
            // strings
            "length char_length character_length octet_length bit_length lower upper initcap concat concat_ws",
            "substring substr left right lpad rpad ltrim rtrim btrim trim replace translate position strpos reverse",
            "repeat split_part starts_with regexp_replace regexp_like ascii chr md5 sha256 format to_hex normalize",
            // dates and times
            "now current_date current_time current_timestamp localtime localtimestamp date_trunc date_part extract",
            "age make_date make_time make_timestamp make_timestamptz to_char to_date to_timestamp to_number date_add",
            // conditional, and ANY/ALL/SOME (array) comparisons, which the parser reads as calls
            "coalesce nullif any all some",
            // arrays, JSON and series
            "cardinality unnest generate_series array_position array_to_string to_json");

    private static final Set<String> POSTGRES = union(COMMON, words(
            "json_agg jsonb_agg json_object_agg jsonb_object_agg range_agg range_intersect_agg",
            "div scale min_scale trim_scale sind cosd tand asind acosd atand atan2d cotd erf erfc",
            "regexp_match regexp_matches regexp_split_to_array regexp_split_to_table regexp_count regexp_instr",
            "regexp_substr quote_ident quote_literal quote_nullable string_to_array string_to_table encode decode",
            "convert_from convert_to to_ascii unistr overlay sha224 sha384 sha512 to_bin to_oct get_byte get_bit",
            "clock_timestamp statement_timestamp transaction_timestamp timeofday date_bin isfinite justify_days",
            "justify_hours justify_interval make_interval timezone date_subtract",
            "json_extract_path json_extract_path_text jsonb_extract_path jsonb_extract_path_text json_array_length",
            "jsonb_array_length json_typeof jsonb_typeof json_build_object jsonb_build_object json_build_array",
            "jsonb_build_array json_object jsonb_object to_jsonb row_to_json array_to_json json_object_keys",
            "jsonb_object_keys json_each jsonb_each json_each_text jsonb_each_text json_array_elements",
            "jsonb_array_elements json_array_elements_text jsonb_array_elements_text jsonb_path_query",
            "jsonb_path_query_array jsonb_path_query_first jsonb_path_exists jsonb_path_match jsonb_pretty",
            "jsonb_strip_nulls json_strip_nulls jsonb_set jsonb_insert json_to_record json_to_recordset",
            "jsonb_to_record jsonb_to_recordset json_populate_record jsonb_populate_record json_populate_recordset",
            "jsonb_populate_recordset json_scalar json_serialize",
            "array_length array_positions array_append array_prepend array_cat array_remove array_replace",
            "array_lower array_upper array_dims array_ndims array_fill array_reverse array_sample array_shuffle",
            "trim_array generate_subscripts num_nulls num_nonnulls pg_typeof gen_random_uuid",
            "to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd",
            "ts_headline setweight numnode",
            "isempty lower_inc upper_inc lower_inf upper_inf range_merge int4range int8range numrange tsrange",
            "tstzrange daterange",
            // function-style casts: date(x), numeric(x) …
            "date time timestamp timestamptz interval numeric text int int2 int4 int8 float4 float8 bool varchar"));

    private static final Set<String> DUCKDB = union(COMMON, words(
            "arbitrary first last arg_max arg_min argmax argmin max_by min_by approx_count_distinct",
            "approx_quantile median quantile quantile_cont quantile_disc reservoir_quantile list histogram count_if",
            "countif count_star entropy kurtosis kurtosis_pop skewness product fsum sumkahan kahan_sum favg geomean",
            "geometric_mean group_concat listagg bitstring_agg mad weighted_avg sum_no_overflow",
            "even isnan isinf isfinite nextafter gamma lgamma signbit bit_count xor round_even roundbankers",
            "contains ends_with suffix prefix instr strlen len lcase ucase string_split str_split",
            "string_split_regex str_split_regex string_to_array regexp_extract regexp_extract_all",
            "regexp_full_match regexp_matches regexp_split_to_array levenshtein editdist3 damerau_levenshtein",
            "jaccard jaro_similarity jaro_winkler_similarity hamming mismatches printf nfc_normalize strip_accents",
            "to_base64 from_base64 base64 sha1 hash unicode ord bar format_bytes like_escape ilike_escape",
            "datetrunc datepart datediff date_diff datesub date_sub dayname monthname year month day dayofmonth",
            "dayofweek dayofyear week weekofyear weekday quarter hour minute second millisecond microsecond",
            "nanosecond epoch epoch_ms epoch_us epoch_ns strftime strptime try_strptime last_day era isodow isoyear",
            "yearweek century decade millennium to_days to_hours to_minutes to_seconds to_months to_years to_weeks",
            "to_milliseconds to_microseconds to_centuries to_decades to_millennia today get_current_time",
            "get_current_timestamp current_localtimestamp time_bucket timezone",
            "ifnull if iff",
            "list_value list_pack array_value list_extract list_element array_extract list_contains list_has",
            "array_contains array_has list_has_any list_has_all array_has_any array_has_all array_length",
            "list_slice array_slice list_sort array_sort list_reverse_sort array_reverse_sort list_distinct",
            "array_distinct list_unique array_unique list_aggregate list_aggr array_aggregate array_aggr",
            "list_transform array_transform apply list_apply list_filter array_filter filter list_reduce",
            "array_reduce reduce list_concat list_cat array_concat array_cat list_append array_append list_prepend",
            "array_prepend list_position list_indexof array_indexof list_zip flatten list_sum list_min list_max",
            "list_avg list_count list_first list_last list_any_value list_string_agg range",
            "struct_pack struct_extract struct_insert row map map_extract map_keys map_values map_entries",
            "map_from_entries element_at",
            "json_extract json_extract_string json_extract_path json_extract_path_text json_value json_exists",
            "json_valid json_type json_array_length json_keys json_object json_array json_merge_patch json_quote",
            "json_structure json_contains json_group_array json_group_object json_group_structure json_transform",
            "typeof uuid gen_random_uuid"));

    private static final Set<String> TRINO = union(COMMON, words(
            "approx_distinct approx_percentile approx_most_frequent arbitrary checksum count_if geometric_mean",
            "histogram listagg map_agg map_union multimap_agg max_by min_by numeric_histogram kurtosis skewness",
            "bitwise_and_agg bitwise_or_agg bitwise_xor_agg",
            "e infinity nan is_nan is_finite is_infinite rand truncate from_base to_base beta_cdf",
            "inverse_beta_cdf normal_cdf inverse_normal_cdf wilson_interval_lower wilson_interval_upper",
            "bitwise_and bitwise_or bitwise_xor bitwise_not bit_count cosine_similarity",
            "codepoint hamming_distance levenshtein_distance luhn_check split split_to_map split_to_multimap soundex",
            "word_stem to_utf8 from_utf8 regexp_count regexp_extract regexp_extract_all regexp_position",
            "regexp_split url_extract_fragment url_extract_host url_extract_parameter url_extract_path",
            "url_extract_port url_extract_protocol url_extract_query url_encode url_decode sha1 sha512 from_hex",
            "to_base64 from_base64 crc32 xxhash64 murmur3",
            "current_timezone date date_diff date_format date_parse day day_of_month day_of_week day_of_year dow",
            "doy format_datetime from_iso8601_date from_iso8601_timestamp from_unixtime from_unixtime_nanos hour",
            "human_readable_seconds last_day_of_month millisecond minute month parse_datetime parse_duration",
            "quarter second timezone_hour timezone_minute to_iso8601 to_milliseconds to_unixtime week",
            "week_of_year year year_of_week yow with_timezone at_timezone",
            "if try",
            "json_extract json_extract_scalar json_array_contains json_array_get json_array_length json_format",
            "json_parse json_size is_json_scalar json_query json_value json_exists json_object json_array",
            "contains contains_sequence element_at array_distinct array_intersect array_union array_except",
            "array_join array_max array_min array_remove array_sort array_sort_desc arrays_overlap filter transform",
            "reduce flatten slice sequence zip zip_with any_match all_match none_match shuffle trim_array ngrams",
            "combinations map map_keys map_values map_entries map_from_entries map_concat map_filter",
            "transform_keys transform_values typeof format_number"));

    private static final Set<String> SQLITE = union(COMMON, words(
            "total group_concat ifnull iif instr char unicode hex unhex quote printf format likelihood likely",
            "unlikely soundex typeof ltrim rtrim trim substring octet_length concat concat_ws",
            "date time datetime julianday unixepoch strftime timediff",
            "json json_array json_array_length json_extract json_insert json_object json_patch json_remove",
            "json_replace json_set json_type json_valid json_quote json_group_array json_group_object",
            "json_each json_tree median",
            // function-style casts as other dialects write them: date(x) is SQLite's own
            "cast"));

    /** Families refused everywhere, with what they do; checked after the allowlist so each reason is specific. */
    private static final List<Family> DENIED = List.of(
            new Family("pg_read_file|pg_read_binary_file|pg_ls_.*|pg_stat_file|pg_file_.*|pg_logdir_ls",
                    "it reads server files"),
            new Family("lo_.*|loread|lowrite", "it reads or writes large objects, which reach server files"),
            new Family("dblink.*|postgres_.*|mysql_.*|sqlite_scan|sqlite_query|.*_attach|odbc_.*",
                    "it connects to another database"),
            new Family(".*_to_xml.*|.*_to_xmlschema|query_to_.*|cursor_to_.*",
                    "it runs a query of its own, out of the guard's sight"),
            new Family("query|query_table|raw_query|sheet|json_execute_serialized_sql",
                    "it runs a query given as text, out of the guard's sight"),
            new Family("table", "TABLE(…) table functions hide what they read from the guard"),
            new Family("set_config|current_setting|getenv|pg_settings.*|duckdb_settings|which_secret",
                    "it reads or changes server settings or secrets"),
            new Family("pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|pg_promote"
                    + "|pg_switch_wal|pg_create_.*|pg_drop_.*|pg_.*backup.*|pg_log_.*|pg_replication_.*"
                    + "|pg_logical_.*|pg_notify|pg_listening_channels",
                    "it controls the server or other sessions"),
            new Family("pg_sleep.*|sleep", "it makes the server wait"),
            new Family("readfile|writefile|edit|fts3_tokenizer|zipfile|sqlar_.*|fsdir|lsmode",
                    "it reads or writes files, or hands the engine a native pointer"),
            new Family("changes|total_changes|last_insert_rowid|sqlite_version|sqlite_source_id"
                    + "|sqlite_compileoption_.*|sqlite_offset",
                    "it reads the database session or build, not the data"),
            new Family("pg_advisory.*|pg_try_advisory.*|txid_.*|pg_current_xact_id.*|pg_xact_.*|pg_snapshot_.*",
                    "it takes locks or reads transaction state"),
            new Family("nextval|setval|currval|lastval", "it advances or reads a sequence"),
            new Family("setseed", "it changes the session's random seed"),
            new Family("read_.*|.*_scan|parquet_.*|sniff_csv|glob|iceberg_.*|delta_.*|csv_.*"
                    + "|load_extension|install_extension",
                    "it reads files or URLs"),
            new Family("duckdb_.*|pragma_.*|pg_.*|version|current_database|current_schemas|inet_.*"
                    + "|has_.*_privilege|obj_description|col_description|shobj_description|format_type",
                    "it reveals the server, its catalog or its sessions"));

    private static final Set<String> SESSION_VALUES =
            Set.of("current_user", "session_user", "current_role", "current_catalog", "current_schema", "current_path");

    private FunctionRules() {
    }

    /** Null when the engine may call the function named by these parts, else the reason it may not. */
    static String rejection(Engine engine, List<String> nameParts) {
        String name = Names.unquote(nameParts.get(nameParts.size() - 1));
        String shown = String.join(".", nameParts.stream().map(Names::unquote).toList());
        if (engine == Engine.TRINO && nameParts.size() > 1 && Names.unquote(nameParts.get(0)).equals("system")) {
            return "function " + shown + " is not allowed: Trino's system procedures and table functions reach"
                    + " other queries and the server";
        }
        boolean builtInSchema = nameParts.size() == 1
                || nameParts.size() == 2 && engine == Engine.POSTGRES
                && Names.unquote(nameParts.get(0)).equals("pg_catalog");
        if (builtInSchema && allowed(engine).contains(name)) {
            return null;
        }
        for (Family family : DENIED) {
            if (family.pattern.matcher(name).matches()) {
                return "function " + shown + " is not allowed: " + family.reason;
            }
        }
        if (!builtInSchema) {
            return "function " + shown + " is not allowed: only built-in functions may be called, without a schema";
        }
        return "function " + shown + " is not allowed: it is not among the built-in aggregate, window, math, string,"
                + " date, conditional, JSON and array functions the guard accepts for " + engine.dialect();
    }

    /** Null unless this unquoted name is a keyword that reads the session (as {@code current_user} does). */
    static String sessionValueRejection(Engine engine, String unquotedName) {
        String name = unquotedName.toLowerCase(Locale.ROOT);
        if (SESSION_VALUES.contains(name) || engine == Engine.POSTGRES && name.equals("user")) {
            return name + " is not allowed: it reads the database session, not the data";
        }
        return null;
    }

    private static Set<String> allowed(Engine engine) {
        switch (engine) {
            case POSTGRES:
                return POSTGRES;
            case DUCKDB:
                return DUCKDB;
            case TRINO:
                return TRINO;
            case SQLITE:
                return SQLITE;
            default:
                throw new IllegalArgumentException("no function allowlist for " + engine);
        }
    }

    private static Set<String> words(String... lines) {
        Set<String> out = new HashSet<>();
        for (String line : lines) {
            out.addAll(Arrays.asList(line.trim().split("\\s+")));
        }
        return Set.copyOf(out);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private static final class Family {
        final Pattern pattern;
        final String reason;

        Family(String regex, String reason) {
            this.pattern = Pattern.compile(regex);
            this.reason = reason;
        }
    }
}
