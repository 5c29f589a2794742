<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>hrtem::ui::FftPanel</name>
    <message>
        <source>Whole frame</source>
        <translation>整帧</translation>
    </message>
    <message>
        <source>Transform the whole frame instead of the drawn region</source>
        <translation>对整帧而非所画区域做变换</translation>
    </message>
    <message>
        <source>FFT of the frame, or of a region drawn with Shift+drag</source>
        <translation>整帧的 FFT，或按住 Shift 拖动所画区域的 FFT</translation>
    </message>
    <message>
        <source>Whole frame: %1 × %1 px</source>
        <translation>整帧：%1 × %1 像素</translation>
    </message>
    <message>
        <source>Region at (%1, %2): %3 × %3 px</source>
        <translation>区域 (%1, %2)：%3 × %3 像素</translation>
    </message>
    <message>
        <source>|g| = 0 (zero frequency)</source>
        <translation>|g| = 0（零频）</translation>
    </message>
    <message>
        <source>|g| = %1 %2    d = %3 %4</source>
        <translation>|g| = %1 %2    晶面间距 d = %3 %4</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::HistogramPanel</name>
    <message>
        <source>Levels</source>
        <translation>灰度范围</translation>
    </message>
    <message>
        <source>Values at or below this are shown black</source>
        <translation>小于等于此值显示为黑色</translation>
    </message>
    <message>
        <source>Values at or above this are shown white</source>
        <translation>大于等于此值显示为白色</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>全范围</translation>
    </message>
    <message>
        <source>Show the frame&apos;s full value range</source>
        <translation>显示本帧的全部数值范围</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Set the levels from percentiles of every frame</source>
        <translation>按每帧的百分位数自动设置灰度范围</translation>
    </message>
    <message>
        <source>Lower percentile for automatic contrast</source>
        <translation>自动对比度的下百分位数</translation>
    </message>
    <message>
        <source>Upper percentile for automatic contrast</source>
        <translation>自动对比度的上百分位数</translation>
    </message>
    <message>
        <source>Log counts</source>
        <translation>对数计数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Frame min %1, max %2</source>
        <translation>本帧最小值 %1，最大值 %2</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MainWindow</name>
    <message>
        <source>Opening %1 …</source>
        <translation>正在打开 %1 …</translation>
    </message>
    <message>
        <source>Frame %1 cannot be read: %2</source>
        <translation>无法读取第 %1 帧：%2</translation>
    </message>
    <message>
        <source>HRTEM Studio</source>
        <translation>HRTEM Studio</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a TIFF, DM3/DM4, video or folder of images</source>
        <translation>打开 TIFF、DM3/DM4、视频或图像文件夹</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;demo movie</source>
        <translation>打开示例影像(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export view as PNG…</source>
        <translation>将视图导出为 PNG(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>实际像素 1:1(&amp;A)</translation>
    </message>
    <message>
        <source>Auto &amp;contrast</source>
        <translation>自动对比度(&amp;C)</translation>
    </message>
    <message>
        <source>Draw FFT &amp;region</source>
        <translation>绘制 FFT 区域(&amp;R)</translation>
    </message>
    <message>
        <source>Drag on the frame to choose the region the FFT shows (or Shift+drag)</source>
        <translation>在图像上拖动以选择做 FFT 的区域（或按住 Shift 拖动）</translation>
    </message>
    <message>
        <source>FFT</source>
        <translation>FFT</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>灰度范围</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About HRTEM Studio</source>
        <translation>关于 HRTEM Studio(&amp;A)</translation>
    </message>
    <message>
        <source>Open a stack: File → Open, drag a file here, or File → Open demo movie</source>
        <translation>打开图像序列：文件 → 打开，把文件拖到此处，或 文件 → 打开示例影像</translation>
    </message>
    <message>
        <source>%1 — HRTEM Studio</source>
        <translation>%1 — HRTEM Studio</translation>
    </message>
    <message>
        <source>Microscopy stacks (*.tif *.tiff *.dm3 *.dm4 *.avi *.mp4 *.mov *.mkv *.png *.jpg);;All files (*)</source>
        <translation>显微图像序列 (*.tif *.tiff *.dm3 *.dm4 *.avi *.mp4 *.mov *.mkv *.png *.jpg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open stack</source>
        <translation>打开图像序列</translation>
    </message>
    <message>
        <source>Demo movie</source>
        <translation>示例影像</translation>
    </message>
    <message>
        <source>%1: %2 × %3 px, %4 frame(s), %5</source>
        <translation>%1：%2 × %3 像素，%4 帧，%5</translation>
    </message>
    <message>
        <source>Several images</source>
        <translation>多幅图像</translation>
    </message>
    <message>
        <source>This file holds %1 images. Which one should be shown?</source>
        <translation>此文件包含 %1 幅图像。要显示哪一幅？</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Could not open “%1”.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>%1

File: %2</source>
        <translation>%1

文件：%2</translation>
    </message>
    <message>
        <source>x %1  y %2 px</source>
        <translation>x %1  y %2 像素</translation>
    </message>
    <message>
        <source>   value %1</source>
        <translation>   数值 %1</translation>
    </message>
    <message>
        <source>Export view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write “%1”.</source>
        <translation>无法写入“%1”。</translation>
    </message>
    <message>
        <source>Check that the folder is writable.</source>
        <translation>请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>About HRTEM Studio</source>
        <translation>关于 HRTEM Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;HRTEM Studio %1&lt;/h3&gt;&lt;p&gt;Restoration, atom localization, tracking and behaviour analysis for in-situ high-resolution TEM movies.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;HRTEM Studio %1&lt;/h3&gt;&lt;p&gt;面向原位高分辨透射电镜影像的图像复原、原子定位、运动追踪与行为分析。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧（共 %2 帧）</translation>
    </message>
    <message>
        <source>&amp;Simulate movie…</source>
        <translation>模拟影像(&amp;S)…</translation>
    </message>
    <message>
        <source>Simulate an in-situ HRTEM movie of a gold particle, with its ground truth</source>
        <translation>模拟金纳米颗粒的原位高分辨电镜影像及其真值</translation>
    </message>
    <message>
        <source>Simulated movie</source>
        <translation>模拟影像</translation>
    </message>
    <message>
        <source>Simulation saved in %1</source>
        <translation>模拟结果已保存到 %1</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::MetadataPanel</name>
    <message>
        <source>uncalibrated</source>
        <translation>未标定</translation>
    </message>
    <message>
        <source>, origin %1 px</source>
        <translation>，原点 %1 像素</translation>
    </message>
    <message>
        <source>Filter keys and values</source>
        <translation>筛选键和值</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3 frame(s)</source>
        <translation>%1 × %2 像素，%3 帧</translation>
    </message>
    <message>
        <source>Pixel type</source>
        <translation>像素类型</translation>
    </message>
    <message>
        <source>Pixel size x</source>
        <translation>像素尺寸 x</translation>
    </message>
    <message>
        <source>Pixel size y</source>
        <translation>像素尺寸 y</translation>
    </message>
    <message>
        <source>Frame axis</source>
        <translation>帧轴</translation>
    </message>
    <message>
        <source>Frame interval</source>
        <translation>帧间隔</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Images in file</source>
        <translation>文件中的图像</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>Acquisition date</source>
        <translation>采集日期</translation>
    </message>
    <message>
        <source>Acquisition time</source>
        <translation>采集时间</translation>
    </message>
    <message>
        <source>Exposure (s)</source>
        <translation>曝光时间（秒）</translation>
    </message>
    <message>
        <source>Voltage (kV)</source>
        <translation>加速电压（kV）</translation>
    </message>
    <message>
        <source>Magnification</source>
        <translation>放大倍数</translation>
    </message>
    <message>
        <source>Operation mode</source>
        <translation>工作模式</translation>
    </message>
    <message>
        <source>Microscope</source>
        <translation>电镜</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>探测器</translation>
    </message>
    <message>
        <source>STEM dwell time (µs)</source>
        <translation>STEM 驻留时间（µs）</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号类型</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>样品</translation>
    </message>
    <message>
        <source>Dose (counts/px)</source>
        <translation>剂量（计数/像素）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <source>Date/time</source>
        <translation>日期/时间</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧序号</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::PlaybackBar</name>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
        <source>Frame (Left/Right arrows step, Home/End jump)</source>
        <translation>帧（左/右方向键逐帧，Home/End 跳到首尾）</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>Playback speed in frames per second</source>
        <translation>播放速度（帧/秒）</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>共 %1 帧</translation>
    </message>
</context>
<context>
    <name>hrtem::ui::SimulationDialog</name>
    <message>
        <source>Simulate an in-situ HRTEM movie</source>
        <translation>模拟原位高分辨电镜影像</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Dose (counts/px in vacuum)</source>
        <translation>剂量（真空区计数/像素）</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frame size (px)</source>
        <translation>帧尺寸（像素）</translation>
    </message>
    <message>
        <source>Twin boundary</source>
        <translation>孪晶界</translation>
    </message>
    <message>
        <source>Adatoms at start</source>
        <translation>初始吸附原子数</translation>
    </message>
    <message>
        <source>The same seed gives the same movie, byte for byte</source>
        <translation>相同的种子生成逐字节相同的影像</translation>
    </message>
    <message>
        <source>Open in viewer</source>
        <translation>在查看器中打开</translation>
    </message>
    <message>
        <source>Save with ground truth…</source>
        <translation>连同真值一起保存…</translation>
    </message>
    <message>
        <source>The bundled demo: 60 counts per pixel, 40 frames.</source>
        <translation>内置示例：每像素 60 计数，40 帧。</translation>
    </message>
    <message>
        <source>High-dose training frames (200 counts/px), independent dynamics.</source>
        <translation>高剂量训练帧（200 计数/像素），动力学过程独立。</translation>
    </message>
    <message>
        <source>Low-dose, motion-blurred training frames (8 counts/px), independent dynamics.</source>
        <translation>低剂量且有运动模糊的训练帧（8 计数/像素），动力学过程独立。</translation>
    </message>
    <message>
        <source>The demo&apos;s dynamics at about 200 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 200 计数/像素。</translation>
    </message>
    <message>
        <source>The demo&apos;s dynamics at about 20 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 20 计数/像素。</translation>
    </message>
    <message>
        <source>The demo&apos;s dynamics at about 6 counts per pixel.</source>
        <translation>与示例相同的动力学过程，约 6 计数/像素。</translation>
    </message>
    <message>
        <source>Save the simulation into</source>
        <translation>将模拟结果保存到</translation>
    </message>
    <message>
        <source>Simulating %1 frames…</source>
        <translation>正在模拟 %1 帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Simulation failed</source>
        <translation>模拟失败</translation>
    </message>
</context>
</TS>
