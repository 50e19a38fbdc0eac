package rule

import "strings"

// typeKeys are options that belong to specific ElastAlert2 rule types.
// A key for another type than the rule's is reported: ElastAlert2 ignores
// it, which hides mistakes.
var typeKeys = map[string][]string{
	"num_events":                {"frequency"},
	"threshold":                 {"flatline"},
	"forget_keys":               {"flatline"},
	"use_terms_query":           {"frequency", "flatline", "spike", "new_term"},
	"spike_height":              {"spike", "spike_aggregation"},
	"spike_type":                {"spike", "spike_aggregation"},
	"threshold_ref":             {"spike", "spike_aggregation"},
	"threshold_cur":             {"spike", "spike_aggregation"},
	"alert_on_new_data":         {"spike", "spike_aggregation"},
	"field_value":               {"spike"},
	"compare_key":               {"blacklist", "whitelist", "change"},
	"blacklist":                 {"blacklist"},
	"whitelist":                 {"whitelist"},
	"ignore_null":               {"whitelist", "change"},
	"fields":                    {"new_term"},
	"terms_window_size":         {"new_term"},
	"window_step_size":          {"new_term"},
	"alert_on_missing_field":    {"new_term"},
	"cardinality_field":         {"cardinality"},
	"max_cardinality":           {"cardinality"},
	"min_cardinality":           {"cardinality"},
	"metric_agg_key":            {"metric_aggregation", "spike_aggregation"},
	"metric_agg_type":           {"metric_aggregation", "spike_aggregation"},
	"metric_agg_script":         {"metric_aggregation", "spike_aggregation"},
	"max_threshold":             {"metric_aggregation"},
	"min_threshold":             {"metric_aggregation"},
	"match_bucket_filter":       {"percentage_match"},
	"min_percentage":            {"percentage_match"},
	"max_percentage":            {"percentage_match"},
	"percentage_format_string":  {"percentage_match"},
	"bucket_interval":           {"metric_aggregation", "percentage_match"},
	"sync_bucket_interval":      {"metric_aggregation", "percentage_match"},
	"use_keyword_postfix":       {"new_term"},
	"percentile_range":          {"metric_aggregation", "spike_aggregation"},
	"metric_format_string":      {"metric_aggregation"},
	"min_doc_count":             {"metric_aggregation", "spike_aggregation"},
	"min_denominator":           {"percentage_match"},
	"use_run_every_query_size":  {"metric_aggregation", "percentage_match"},
	"allow_buffer_time_overlap": {"metric_aggregation", "percentage_match"},
}

// unsupportedKeys are ElastAlert2 rule options logstack does not implement
// yet. They are refused rather than ignored, since a rule that silently
// loses an option alerts differently.
var unsupportedKeys = map[string]bool{
	"es_host": true, "es_port": true, "es_hosts": true, "es_username": true, "es_password": true,
	"es_bearer": true, "es_api_key": true, "es_url_prefix": true, "es_conn_timeout": true,
	"use_ssl": true, "verify_certs": true, "ca_certs": true, "client_cert": true, "client_key": true,
	"use_strftime_index": true, "search_extra_index": true, "use_count_query": true,
	"doc_type": true, "terms_size": true, "timestamp_field": true, "timestamp_type": true,
	"timestamp_format": true, "timestamp_format_expr": true, "use_local_time": true,
	"max_query_size": true, "max_scrolling_count": true, "scroll_keepalive": true,
	"summary_table_fields": true, "summary_table_type": true,
	"summary_table_max_rows": true, "summary_prefix": true, "summary_suffix": true,
	"attach_related": true, "import": true, "generate_kibana_link": true, "kibana_url": true,
	"use_kibana4_dashboard": true, "kibana4_start_timedelta": true, "kibana4_end_timedelta": true,
	"generate_kibana_discover_url": true, "raw_count_keys": true, "top_count_number": true,
	"match_enhancements": true, "run_enhancements_first": true, "replace_dots_in_field_names": true,
	"scan_entire_timeframe": true, "limit_execution": true, "run_every": true, "alert_text_kw": true,
	"alert_missing_value": true, "jinja_root_name": true, "jinja_template_path": true,
	"alert_subject_max_len": true, "include_match_in_root": true, "query_timezone": true,
	"owner": true, "priority": true, "category": true, "silence_qk_value": true,
	"realert_key": true, "compound_query_key": true, "compound_aggregation_key": true,
	"compound_compare_key": true, "is_enabled": true, "fields_to_include": true,
	"query_key_type": true, "alert_text_args_type": true,
}

// alerterPrefixes start the options of ElastAlert2's alerters (Slack, email,
// ...). Notifiers are configured in logstack, not in the rule file.
var alerterPrefixes = []string{
	"slack_", "email", "smtp_", "from_addr", "reply_to", "cc", "bcc", "notify_email",
	"pagerduty_", "opsgenie_", "ms_teams_", "teams_", "http_post", "telegram_", "mattermost_",
	"jira_", "sns_", "aws_", "twilio_", "victorops_", "gitter_", "alerta_", "discord_",
	"command", "pipe_", "rocket_chat_", "chatwork_", "dingtalk_", "exotel_", "googlechat_",
	"gelf_", "hive_", "iris_", "lark_", "line_", "servicenow_", "stomp_", "zabbix_",
	"datadog_", "tencent_sms_", "ses_", "alertmanager_", "assets_dir", "email_",
}

// isAlerterKey reports an alerter option.
func isAlerterKey(k string) bool {
	for _, p := range alerterPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}
