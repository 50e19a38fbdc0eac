package app

import (
	"context"
	"time"

	"github.com/logstack/logstack/internal/store/elasticsearch"
)

// startElasticsearch opens the Elasticsearch/OpenSearch store of
// store.elasticsearch (issue 4): the store several indexers share.
func (a *App) startElasticsearch(ctx context.Context) error {
	c := a.cfg.Store
	e := c.Elasticsearch
	fields := make([]elasticsearch.Field, len(c.Columns))
	for i, col := range c.Columns {
		fields[i] = elasticsearch.Field{Field: col.Field, Type: col.Type}
	}
	st, err := elasticsearch.Open(ctx, elasticsearch.Options{
		URLs:               e.URLs,
		Index:              e.Index,
		DataStream:         e.DataStream,
		Username:           e.Username,
		Password:           e.Password.Value(),
		APIKey:             e.APIKey.Value(),
		AWSRegion:          e.AWS.Region,
		AWSService:         e.AWS.Service,
		CAFile:             a.cfg.AbsPath(e.TLS.CAFile),
		InsecureSkipVerify: e.TLS.InsecureSkipVerify,
		BulkMaxEvents:      e.BulkMaxEvents,
		BulkMaxBytes:       int(e.BulkMaxBytes),
		RequestTimeout:     time.Duration(e.RequestTimeout),
		TemplateName:       e.Template.Name,
		Shards:             e.Template.Shards,
		Replicas:           e.Template.Replicas,
		Fields:             fields,
	}, a.log, a.reg)
	if err != nil {
		return err
	}
	a.st = st
	a.onStop(st.Close)
	a.addStoreCheck()
	return nil
}
