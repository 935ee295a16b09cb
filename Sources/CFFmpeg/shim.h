// Small helpers for what Swift cannot import from FFmpeg's headers (function-like
// macros, compound literals) and for API that moved between FFmpeg 5.1 and 7.x.
#ifndef RAYKIT_CFFMPEG_SHIM_H
#define RAYKIT_CFFMPEG_SHIM_H

#include <errno.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libavutil/sha.h>
#include <libavutil/timecode.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <string.h>

static inline int rk_AVERROR(int e) { return AVERROR(e); }
static inline int rk_AVERROR_EOF(void) { return AVERROR_EOF; }
static inline int rk_AVERROR_EAGAIN(void) { return AVERROR(EAGAIN); }
static inline int rk_AVERROR_INVALIDDATA(void) { return AVERROR_INVALIDDATA; }
static inline int64_t rk_AV_NOPTS_VALUE(void) { return AV_NOPTS_VALUE; }
static inline AVRational rk_AV_TIME_BASE_Q(void) { return AV_TIME_BASE_Q; }

/// The stream's display matrix (9 int32 in 16.16 fixed point), or NULL.
/// FFmpeg 6.1 moved stream side data into codecpar->coded_side_data.
static inline const int32_t *rk_stream_display_matrix(const AVStream *st) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    const AVPacketSideData *sd = av_packet_side_data_get(st->codecpar->coded_side_data,
                                                         st->codecpar->nb_coded_side_data,
                                                         AV_PKT_DATA_DISPLAYMATRIX);
    return (sd && sd->size >= 9 * 4) ? (const int32_t *)sd->data : NULL;
#else
    size_t size = 0;
    const uint8_t *data = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    return (data && size >= 9 * 4) ? (const int32_t *)data : NULL;
#endif
}

/// A stream's side data of one type (mastering display, content light level…), or NULL; `size` gets its length.
static inline const uint8_t *rk_stream_side_data(const AVStream *st, enum AVPacketSideDataType type, size_t *size) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    const AVPacketSideData *sd = av_packet_side_data_get(st->codecpar->coded_side_data,
                                                         st->codecpar->nb_coded_side_data, type);
    if (!sd) return NULL;
    *size = sd->size;
    return sd->data;
#else
    return av_stream_get_side_data(st, type, size);
#endif
}

/// Adds a copy of `data` as the stream's side data of `type` (written by muxers that know it, e.g. MP4's mdcv/clli).
static inline int rk_stream_add_side_data(AVStream *st, enum AVPacketSideDataType type, const void *data, size_t size) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    AVPacketSideData *sd = av_packet_side_data_new(&st->codecpar->coded_side_data, &st->codecpar->nb_coded_side_data,
                                                   type, size, 0);
    if (!sd) return AVERROR(ENOMEM);
    memcpy(sd->data, data, size);
    return 0;
#else
    uint8_t *copy = av_stream_new_side_data(st, type, size);
    if (!copy) return AVERROR(ENOMEM);
    memcpy(copy, data, size);
    return 0;
#endif
}

/// The frame's duration in its time base (pkt_duration before FFmpeg 6.0).
static inline int64_t rk_frame_duration(const AVFrame *f) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(57, 30, 100)
    return f->duration;
#else
    return f->pkt_duration;
#endif
}

/// Whether the frame is a keyframe (key_frame became a flag in FFmpeg 6.1).
static inline int rk_frame_is_key(const AVFrame *f) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 29, 100)
    return (f->flags & AV_FRAME_FLAG_KEY) != 0;
#else
    return f->key_frame;
#endif
}

/// Whether the frame is interlaced, and whether its top field comes first
/// (interlaced_frame and top_field_first became flags in FFmpeg 6.1).
static inline int rk_frame_is_interlaced(const AVFrame *f) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 29, 100)
    return (f->flags & AV_FRAME_FLAG_INTERLACED) != 0;
#else
    return f->interlaced_frame;
#endif
}

static inline int rk_frame_top_field_first(const AVFrame *f) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 29, 100)
    return (f->flags & AV_FRAME_FLAG_TOP_FIELD_FIRST) != 0;
#else
    return f->top_field_first;
#endif
}

/// Copies a stream's side data (display matrix and the like) to another stream.
/// From FFmpeg 6.1 it lives in codecpar->coded_side_data, which avcodec_parameters_copy already copies.
static inline int rk_copy_stream_side_data(AVStream *dst, const AVStream *src) {
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    (void)dst; (void)src;
    return 0;
#else
    for (int i = 0; i < src->nb_side_data; i++) {
        const AVPacketSideData *sd = &src->side_data[i];
        uint8_t *data = av_stream_new_side_data(dst, sd->type, sd->size);
        if (!data) return AVERROR(ENOMEM);
        memcpy(data, sd->data, sd->size);
    }
    return 0;
#endif
}

#endif
